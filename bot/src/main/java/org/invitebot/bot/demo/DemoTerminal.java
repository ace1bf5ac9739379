package org.invitebot.bot.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.invitebot.testbed.matrix.RoomEvent;

/**
 * The demo's chat window: what you type is sent to the stand-in homeserver as a message from the
 * current user; every message the bot posts anywhere is printed. Lines starting with {@code /} are the
 * demo's own controls. Works the same with a pipe as with a keyboard.
 */
public final class DemoTerminal {

    private static final Duration REPLY_WAIT = Duration.ofSeconds(15);

    private final DemoWorld world;
    private final BufferedReader in;
    private final PrintStream out;
    private final String prefix;
    private final Map<String, String> roomNames = new LinkedHashMap<>();
    private String user = DemoWorld.ADMIN;
    private String room;

    public DemoTerminal(DemoWorld world, BufferedReader in, PrintStream out, String prefix) {
        this.world = world;
        this.in = in;
        this.out = out;
        this.prefix = prefix;
        roomNames.put(world.adminsRoom(), "#admins");
        roomNames.put(world.lobbyRoom(), "#lobby");
        this.room = world.adminsRoom();
        world.homeserver().addListener(this::show);
    }

    public void run() throws IOException {
        banner();
        prompt();
        String line;
        while ((line = in.readLine()) != null) {
            line = line.strip();
            if (line.equals("/quit") || line.equals("/exit")) {
                break;
            }
            if (line.startsWith("/")) {
                control(line);
            } else if (!line.isEmpty()) {
                say(line);
            }
            prompt();
        }
        out.println();
        out.println("bye");
    }

    private void say(String text) {
        synchronized (out) {
            out.println(label(room) + " " + user + ": " + text);
        }
        String eventId = world.homeserver().sendText(room, user, text);
        if (text.startsWith(prefix)) {
            // wait for the answer so that the transcript reads in order, with a keyboard or a pipe
            boolean answered = world.homeserver().awaitMessage(room,
                    event -> event.sender().equals(DemoWorld.BOT) && repliesTo(event, eventId), REPLY_WAIT);
            if (!answered) {
                out.println("(no answer from the bot within " + REPLY_WAIT.toSeconds() + " s)");
            }
        }
    }

    private static boolean repliesTo(RoomEvent event, String eventId) {
        return eventId.equals(event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText());
    }

    private void show(RoomEvent event) {
        if (!event.sender().equals(DemoWorld.BOT) || !event.type().equals("m.room.message")) {
            return;
        }
        String body = event.content().path("body").asText();
        synchronized (out) {
            out.println(label(event.roomId()) + " invitebot: " + body.replace("\n", "\n    "));
        }
    }

    private String label(String roomId) {
        return "[" + roomNames.getOrDefault(roomId, "DM") + "]";
    }

    private void control(String line) {
        String[] words = line.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "/help" -> help();
            case "/as" -> switchUser(argument);
            case "/room" -> switchRoom(argument);
            case "/invitations" -> invitations();
            default -> out.println("unknown control " + words[0] + "; /help lists them");
        }
    }

    private void switchUser(String who) {
        String id = switch (who) {
            case "admin" -> DemoWorld.ADMIN;
            case "bob" -> DemoWorld.BOB;
            case "carol" -> DemoWorld.CAROL;
            default -> who;
        };
        if (!id.startsWith("@") || !id.contains(":")) {
            out.println("usage: /as admin | bob | carol | @someone:server");
            return;
        }
        if (!world.homeserver().isRegistered(id)) {
            world.homeserver().registerUser(id);
        }
        for (String r : roomNames.keySet()) {
            if (!world.homeserver().isJoined(r, id)) {
                world.homeserver().invite(r, DemoWorld.ADMIN, id);
                world.homeserver().join(r, id);
            }
        }
        user = id;
        out.println("you are now " + user);
    }

    private void switchRoom(String name) {
        String wanted = name.startsWith("#") ? name : "#" + name;
        roomNames.forEach((id, label) -> {
            if (label.equals(wanted)) {
                room = id;
            }
        });
        out.println("you are in " + label(room) + (room.equals(world.adminsRoom()) ? " (private: links are posted here)"
                : " (not private: links go to your direct messages)"));
    }

    private void invitations() {
        var invitations = world.authentik().invitations();
        if (invitations.isEmpty()) {
            out.println("Authentik holds no invitations.");
            return;
        }
        out.println("Authentik holds " + invitations.size() + " invitation(s):");
        invitations.forEach(i -> out.println("  " + i.name() + "  expires " + i.expires() + "  single_use "
                + i.singleUse() + "  fixed_data " + i.fixedData()));
    }

    private void help() {
        out.println(String.join("\n",
                "Type a chat message and press enter; the bot answers commands starting with " + prefix + ":",
                "  " + prefix + "invite jane@example.com 7d media-users     email invitation",
                "  " + prefix + "invite \"Jane Smith\" 48h ai-users         link invitation",
                "  " + prefix + "invites, " + prefix + "revoke <name>, " + prefix + "reissue <name>, " + prefix + "groups, "
                        + prefix + "whoami, " + prefix + "audit",
                "  " + prefix + "help                                       the bot's own help",
                "Demo controls:",
                "  /as admin | bob | carol | @someone:server",
                "                                     speak as another user (bob is no admin; carol may grant media-users only)",
                "  /room admins | lobby               switch room (#lobby is not private)",
                "  /invitations                       what Authentik now holds",
                "  /quit                              stop the demo"));
    }

    private void banner() {
        out.println("invitebot demo: the real bot against in-process stand-ins");
        out.println("  Authentik stand-in:        " + world.authentik().baseUrl());
        out.println("  Matrix homeserver stand-in: " + world.homeserver().baseUrl());
        out.println("  rooms: #admins " + world.adminsRoom() + " (private), #lobby " + world.lobbyRoom()
                + " (not private)");
        out.println("You are " + user + " in #admins. Try: " + prefix + "invite jane@example.com 7d media-users"
                + "   (/help for the demo's controls)");
    }

    private void prompt() {
        out.print(user + " " + label(room) + "> ");
        out.flush();
    }
}
