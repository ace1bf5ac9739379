package org.invitebot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.invitebot.testbed.authentik.FakeAuthentik;
import org.invitebot.testbed.matrix.FakeHomeserver;

/**
 * The stand-ins the benchmark drives the bot against: an Authentik with the runbook's groups and flow
 * and one admin, and a homeserver where that admin shares {@code rooms} private rooms with the bot.
 * The Authentik stand-in sends no invitation emails, so no follow-up runs during the measurement.
 */
final class BenchWorld implements AutoCloseable {

    static final String SERVER = "example.org";
    static final String BOT = "@invitebot:" + SERVER;
    static final String ADMIN = "@admin:" + SERVER;
    private static final String TOKEN = "bench-authentik-token";

    private final FakeAuthentik authentik;
    private final FakeHomeserver homeserver;
    private final List<String> rooms;
    private final String botToken;

    private BenchWorld(FakeAuthentik authentik, FakeHomeserver homeserver, List<String> rooms, String botToken) {
        this.authentik = authentik;
        this.homeserver = homeserver;
        this.rooms = rooms;
        this.botToken = botToken;
    }

    static BenchWorld start(int roomCount) {
        BenchWorld world = bare();
        for (int i = 1; i <= roomCount; i++) {
            world.addRoom("admins-" + i, false, List.of());
        }
        return world;
    }

    /** A world without rooms yet; {@link #addRoom} adds them, before the bot's configuration is written. */
    static BenchWorld bare() {
        FakeAuthentik authentik = FakeAuthentik.start();
        authentik.addFlow("invitation-enrollment", "enrollment");
        Stream.of("authentik Admins", "media-users", "ai-users").forEach(authentik::addGroup);
        authentik.addUser("invitebot", "invitebot service account", "invitebot@example.org", true);
        authentik.addToken(TOKEN, "invitebot");
        authentik.addUser("admin", "Alice Admin", "admin@example.org", true, "authentik Admins");

        FakeHomeserver homeserver = FakeHomeserver.start(SERVER);
        String botToken = homeserver.registerUser(BOT);
        homeserver.registerUser(ADMIN);
        return new BenchWorld(authentik, homeserver, new ArrayList<>(), botToken);
    }

    /** A private room of the admin's that the bot has joined, with more {@code members}, who are registered if new. */
    String addRoom(String name, boolean encrypted, List<String> members) {
        String room = homeserver.createRoom(ADMIN, name, encrypted);
        homeserver.invite(room, ADMIN, BOT);
        homeserver.join(room, BOT);
        for (String member : members) {
            if (!homeserver.isRegistered(member)) {
                homeserver.registerUser(member);
            }
            homeserver.invite(room, ADMIN, member);
            homeserver.join(room, member);
        }
        rooms.add(room);
        return room;
    }

    /** Every upstream answer waits this long first, like a server across a network. */
    void setLatency(Duration latency) {
        authentik.setLatency(latency);
        homeserver.setLatency(latency);
    }

    /** The bot's configuration: the defaults, except that no email confirmation is awaited during the run. */
    String configYaml(Path statePath) {
        return String.join("\n",
                "authentik:",
                "  url: " + authentik.baseUrl(),
                "  token: " + TOKEN,
                "  admin_groups: [authentik Admins]",
                "matrix:",
                "  homeserver: " + homeserver.baseUrl(),
                "  user_id: \"" + BOT + "\"",
                "  access_token: " + botToken,
                "  rooms:",
                rooms.stream().map(room -> "    - id: \"" + room + "\"\n      private: true").collect(Collectors.joining("\n")),
                "invitations:",
                "  email_confirm_timeout: 1d",
                "state:",
                "  path: " + statePath,
                "http:",
                "  port: " + freePort(),
                "");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the bot's http.port", e);
        }
    }

    FakeAuthentik authentik() {
        return authentik;
    }

    FakeHomeserver homeserver() {
        return homeserver;
    }

    List<String> rooms() {
        return Collections.unmodifiableList(rooms);
    }

    /** Every request the bot has sent so far, to either stand-in. */
    List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        authentik.requests().forEach(request -> calls.add(Call.of(request)));
        homeserver.requests().stream().filter(request -> BOT.equals(request.userId())).forEach(request -> calls.add(Call.of(request)));
        return calls;
    }

    @Override
    public void close() {
        homeserver.close();
        authentik.close();
    }
}
