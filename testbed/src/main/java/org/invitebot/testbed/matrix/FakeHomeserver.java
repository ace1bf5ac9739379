package org.invitebot.testbed.matrix;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mockwebserver3.MockWebServer;

import org.invitebot.testbed.LoopbackServer;

/**
 * A Matrix homeserver (client-server API v3) on loopback, for integration tests and the demo:
 * users, rooms, {@code /sync} long-polls, sends with transaction ids, room state and account data.
 *
 * <p>Every request is checked against the spec copy in {@code reference/matrix-spec} (API-NOTES
 * §10): the path and method must exist, parameters and the JSON body must fit the operation's
 * schemas, objects must not carry fields the schema does not define, and an event's content must
 * fit its event type's schema where the copy has one. A request that does not fit is answered
 * {@code 400 M_BAD_JSON} ({@code M_NOT_JSON} for a body that is not JSON; {@code 404}/{@code 405
 * M_UNRECOGNIZED} for an unknown path or method) and recorded; tests call
 * {@link #assertNoContractViolations()} after each case.
 *
 * <p>Errors follow the spec: {@code 401 M_MISSING_TOKEN} without a token, {@code 401
 * M_UNKNOWN_TOKEN} ({@code soft_logout: false}) with an unknown one, {@code 403 M_FORBIDDEN} for
 * a room the user may not act in, {@code 404 M_NOT_FOUND} for missing state, account data or
 * filters.
 *
 * <p>Thread-safe. Each connection is served on its own thread, so long-polls and sends proceed
 * side by side; {@link #close()} ends waiting long-polls.
 */
public final class FakeHomeserver implements AutoCloseable {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String serverName;
    private final MockWebServer server;
    private final HomeserverState state;
    private final Accounts accounts;
    private final Faults faults;
    private final MatrixRoutes routes;

    private FakeHomeserver(String serverName, MockWebServer server, HomeserverState state, Accounts accounts, Faults faults,
            MatrixRoutes routes) {
        this.serverName = serverName;
        this.server = server;
        this.state = state;
        this.accounts = accounts;
        this.faults = faults;
        this.routes = routes;
    }

    /** Starts a homeserver for {@code serverName} (e.g. {@code example.org}) on a free loopback port. */
    public static FakeHomeserver start(String serverName) {
        return start(serverName, Clock.systemUTC(), new SecureRandom());
    }

    /**
     * @param clock  the source of {@code origin_server_ts} and of {@link ReceivedRequest#receivedAt()}
     * @param random the source of IDs and access tokens
     */
    public static FakeHomeserver start(String serverName, Clock clock, Random random) {
        HomeserverState state = new HomeserverState(serverName, clock, random);
        Accounts accounts = new Accounts(serverName, random);
        Faults faults = new Faults();
        MatrixRoutes routes = new MatrixRoutes(ClientServerSpec.get(), accounts, new ClientApi(state, accounts, clock), faults, clock);
        MockWebServer server = LoopbackServer.start(routes, "homeserver");
        return new FakeHomeserver(serverName, server, state, accounts, faults, routes);
    }

    /** Where clients reach it, e.g. {@code http://127.0.0.1:40123}, without a trailing slash. */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public String serverName() {
        return serverName;
    }

    /**
     * Registers a local user with one device.
     *
     * @return the access token
     * @throws IllegalArgumentException if the ID is not {@code @name:<serverName>} or is taken
     */
    public String registerUser(String userId) {
        return accounts.register(userId);
    }

    public boolean isRegistered(String userId) {
        return accounts.isRegistered(userId);
    }

    /**
     * Logs a registered user in on another device, as a second client (an E2EE client in tests) would.
     *
     * @return the new device's access token
     */
    public String addDevice(String userId, String deviceId) {
        return accounts.addDevice(userId, deviceId);
    }

    /** The password the user proves itself with in User-Interactive Authentication (e.g. to replace cross-signing keys). */
    public void setPassword(String userId, String password) {
        requireRegistered(userId);
        state.setPassword(userId, password);
    }

    /** The user's cross-signing keys as {@code /keys/query} shows them to the user: master, self-signing, user-signing. */
    public JsonNode crossSigningKeys(String userId) {
        ObjectNode query = JsonNodeFactory.instance.objectNode();
        query.putObject("device_keys").putArray(userId);
        JsonNode answer = state.queryKeys(userId, query);
        ObjectNode keys = JsonNodeFactory.instance.objectNode();
        for (String kind : new String[] {"master_keys", "self_signing_keys", "user_signing_keys"}) {
            if (answer.path(kind).has(userId)) {
                keys.set(kind, answer.path(kind).path(userId));
            }
        }
        return keys;
    }

    /** The user's devices, the one {@link #registerUser} made first. */
    public List<String> devicesOf(String userId) {
        return List.copyOf(accounts.devices().getOrDefault(userId, List.of()));
    }

    /** The device keys the device uploaded ({@code /keys/upload}), if any. */
    public Optional<JsonNode> deviceKeys(String userId, String deviceId) {
        return state.read(() -> state.keys().deviceKeys(userId, deviceId).map(JsonNode::deepCopy));
    }

    /** One-time keys the device has on the server, not yet claimed. */
    public int oneTimeKeysLeft(String userId, String deviceId) {
        return state.read(() -> state.keys().oneTimeKeysLeft(userId, deviceId));
    }

    /** Creates a private (invite-only) room as a user's client would, with the creator joined. */
    public String createRoom(String creatorUserId, String name, boolean encrypted) {
        requireRegistered(creatorUserId);
        return state.createRoom(creatorUserId, RoomCreation.privateRoom(name, encrypted));
    }

    /** Starts a direct chat as the user's client would: the other user is invited with {@code is_direct}. */
    public String createDirectRoom(String creatorUserId, String otherUserId) {
        requireRegistered(creatorUserId);
        return state.createRoom(creatorUserId, RoomCreation.directChat(otherUserId));
    }

    public void invite(String roomId, String inviterUserId, String targetUserId) {
        state.invite(roomId, inviterUserId, targetUserId);
    }

    /** Joins as the user's client would; the user must be invited (the rooms here are invite-only). */
    public void join(String roomId, String userId) {
        requireRegistered(userId);
        state.join(roomId, userId);
    }

    /**
     * A user of another homeserver joins over federation: invited by {@code inviterUserId}, with no
     * account here. {@link #sendText} then sends as that user, as federation would deliver it.
     */
    public void joinFromOtherServer(String roomId, String inviterUserId, String remoteUserId) {
        if (remoteUserId.endsWith(":" + serverName)) {
            throw new IllegalArgumentException(remoteUserId + " is a local user ID; use join");
        }
        state.invite(roomId, inviterUserId, remoteUserId);
        state.join(roomId, remoteUserId);
    }

    public void leave(String roomId, String userId) {
        state.leave(roomId, userId);
    }

    public boolean isJoined(String roomId, String userId) {
        return state.read(() -> state.rooms().stream().anyMatch(room -> room.id().equals(roomId)
                && room.membership(userId).equals("join")));
    }

    /** Sends an {@code m.text} message as the user's client would; returns its event ID. */
    public String sendText(String roomId, String senderUserId, String body) {
        return state.send(roomId, senderUserId, "m.room.message", NODES.objectNode().put("msgtype", "m.text").put("body", body), null);
    }

    /** A text in the thread of {@code rootEventId}, as Element sends it: with the reply fallback for clients without threads. */
    public String sendInThread(String roomId, String senderUserId, String rootEventId, String body) {
        ObjectNode content = NODES.objectNode().put("msgtype", "m.text").put("body", body);
        ObjectNode relation = content.putObject("m.relates_to").put("rel_type", "m.thread").put("event_id", rootEventId)
                .put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", rootEventId);
        return state.send(roomId, senderUserId, "m.room.message", content, null);
    }

    /** Reacts to an event with {@code key} (an {@code m.annotation}), as a client does when the user taps an emoji. */
    public String react(String roomId, String senderUserId, String eventId, String key) {
        ObjectNode content = NODES.objectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", eventId).put("key", key);
        return state.send(roomId, senderUserId, "m.reaction", content, null);
    }

    /** Takes an event back as its sender (or a moderator) would; returns the redaction's event ID. */
    public String redact(String roomId, String senderUserId, String eventId) {
        return state.redact(roomId, senderUserId, eventId, NODES.objectNode(), null);
    }

    /** Sends the {@code m.room.encryption} state event (Megolm) as the user; needs power level 100. */
    public void enableEncryption(String roomId, String senderUserId) {
        state.sendState(roomId, senderUserId, "m.room.encryption", "", NODES.objectNode().put("algorithm", RoomCreation.MEGOLM));
    }

    /** As {@link #enableEncryption(String, String)}, asking senders to rotate their session every {@code messages} messages. */
    public void enableEncryption(String roomId, String senderUserId, int messages) {
        state.sendState(roomId, senderUserId, "m.room.encryption", "", NODES.objectNode().put("algorithm", RoomCreation.MEGOLM)
                .put("rotation_period_msgs", messages));
    }

    /** As {@link #enableEncryption(String, String)}, asking senders to rotate their session once it is {@code age} old. */
    public void enableEncryption(String roomId, String senderUserId, Duration age) {
        state.sendState(roomId, senderUserId, "m.room.encryption", "", NODES.objectNode().put("algorithm", RoomCreation.MEGOLM)
                .put("rotation_period_ms", age.toMillis()));
    }

    /** Whether an {@code m.room.redaction} in the room takes the event back. */
    public boolean isRedacted(String roomId, String eventId) {
        return timeline(roomId).stream().anyMatch(event -> event.type().equals("m.room.redaction")
                && event.content().path("redacts").asText().equals(eventId));
    }

    /** Every event of the room, oldest first, state events included. */
    public List<RoomEvent> timeline(String roomId) {
        return state.read(() -> state.room(roomId).timeline().stream().map(Room.Entry::event).toList());
    }

    /** The room's {@code m.room.message} events from one sender, oldest first. */
    public List<RoomEvent> messagesFrom(String roomId, String senderUserId) {
        return timeline(roomId).stream().filter(event -> event.isMessage() && event.sender().equals(senderUserId)).toList();
    }

    /** The reactions ({@code m.annotation}, encrypted or not) to an event that are not redacted, oldest first. */
    public List<RoomEvent> reactionsTo(String roomId, String eventId) {
        return timeline(roomId).stream().filter(event -> Relations.annotates(event, eventId)).toList();
    }

    /** The user's {@code m.direct} account data: user ID to DM room IDs; empty if none is set. */
    public Map<String, List<String>> directRoomsOf(String userId) {
        JsonNode direct = state.accountData(userId, "m.direct").orElse(NODES.objectNode());
        Map<String, List<String>> rooms = new LinkedHashMap<>();
        direct.properties().forEach(entry -> {
            List<String> ids = new ArrayList<>();
            entry.getValue().forEach(id -> ids.add(id.asText()));
            rooms.put(entry.getKey(), List.copyOf(ids));
        });
        return rooms;
    }

    /** Called for every new event in any room, on the thread that caused it, after the event is visible to {@code /sync}. */
    public void addListener(Consumer<RoomEvent> listener) {
        state.addListener(listener);
    }

    /** Waits for an event of the room that {@code matching} accepts; events already there count. */
    public Optional<RoomEvent> awaitEvent(String roomId, Predicate<RoomEvent> matching, Duration timeout) {
        try {
            return state.awaitUntil(() -> state.room(roomId).timeline().stream().map(Room.Entry::event).filter(matching).findFirst(),
                    Optional::isPresent, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits for an {@code m.room.message} event of the room that {@code matching} accepts; false on timeout. */
    public boolean awaitMessage(String roomId, Predicate<RoomEvent> matching, Duration timeout) {
        return awaitEvent(roomId, event -> event.isMessage() && matching.test(event), timeout).isPresent();
    }

    /** How many {@code PUT .../send/...} requests the user made, answered or refused (rate-limited, replayed, invalid). */
    public int sendCount(String userId) {
        return (int) routes.requests().stream()
                .filter(request -> "sendMessage".equals(request.operation()) && userId.equals(request.userId()))
                .count();
    }

    /** Every request answered so far, in the order the answers were produced. */
    public List<ReceivedRequest> requests() {
        return routes.requests();
    }

    public List<ContractViolation> contractViolations() {
        return routes.violations();
    }

    /** @throws AssertionError listing every request so far that did not fit the spec */
    public void assertNoContractViolations() {
        List<ContractViolation> violations = contractViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " request(s) broke the Matrix client-server spec:\n"
                    + violations.stream().map(ContractViolation::toString).collect(Collectors.joining("\n")));
        }
    }

    /**
     * The next {@code count} {@code PUT .../send/...} requests are answered {@code 429
     * M_LIMIT_EXCEEDED} with {@code retry_after_ms} and a {@code Retry-After} header (seconds,
     * rounded up), and create no event.
     */
    public void rateLimitNextSends(int count, long retryAfterMs) {
        faults.rateLimitNextSends(count, retryAfterMs);
    }

    /**
     * While unavailable, every request is answered {@code 503} with an HTML body, as a reverse
     * proxy answers for a homeserver that is down; nothing is validated or changed.
     */
    public void setAvailable(boolean available) {
        faults.setAvailable(available);
    }

    /**
     * The answer to every {@code PUT …/send/…} is delayed by {@code delay} after the event is in the room, as a busy
     * homeserver may: other clients see the event, and may answer it, before its sender learns its ID.
     */
    public void setSendAnswerDelay(Duration delay) {
        faults.setSendAnswerDelay(delay);
    }

    /** Every answer is delayed by {@code latency} (on top of any long-poll wait). */
    public void setLatency(Duration latency) {
        faults.setLatency(latency);
    }

    @Override
    public void close() {
        state.close();
        server.close();
    }

    private void requireRegistered(String userId) {
        if (!accounts.isRegistered(userId)) {
            throw new IllegalArgumentException(userId + " is not registered on " + serverName + "; call registerUser first");
        }
    }
}
