package org.invitebot.testbed.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The operations the stand-in serves, keyed by the spec's operationId. Requests reach them already
 * checked against the spec and authenticated where the spec demands a token.
 */
final class ClientApi {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    interface Handler {
        MatrixReply handle(Call call) throws InterruptedException;
    }

    /** A request routed to an operation: its path parameters and, when it had a valid token, its session. */
    record Call(Exchange exchange, Map<String, String> path, Optional<Accounts.Session> session) {

        Accounts.Session user() {
            return session.orElseThrow();
        }

        JsonNode body() {
            return exchange.json().orElse(NODES.objectNode());
        }

        Optional<String> query(String name) {
            return Optional.ofNullable(exchange.url().queryParameter(name));
        }
    }

    private final HomeserverState state;
    private final Accounts accounts;
    private final SyncStream syncStream;
    private final Clock clock;
    private final Map<String, Handler> handlers = Map.ofEntries(
            Map.entry("getVersions", call -> versions()),
            Map.entry("getTokenOwner", this::whoami),
            Map.entry("defineFilter", this::defineFilter),
            Map.entry("getFilter", this::getFilter),
            Map.entry("sync", this::sync),
            Map.entry("createRoom", this::createRoom),
            Map.entry("joinRoomById", call -> join(call, call.path().get("roomId"))),
            Map.entry("joinRoom", call -> join(call, call.path().get("roomIdOrAlias"))),
            Map.entry("leaveRoom", this::leave),
            Map.entry("getJoinedRooms", this::joinedRooms),
            Map.entry("getRoomState", this::roomState),
            Map.entry("getRoomStateWithKey", this::roomStateEvent),
            Map.entry("setRoomStateWithKey", this::setRoomState),
            Map.entry("sendMessage", this::send),
            Map.entry("redactEvent", this::redact),
            Map.entry("getJoinedMembersByRoom", this::joinedMembers),
            Map.entry("getMembersByRoom", this::members),
            Map.entry("uploadKeys", this::uploadKeys),
            Map.entry("queryKeys", this::queryKeys),
            Map.entry("claimKeys", this::claimKeys),
            Map.entry("uploadCrossSigningKeys", this::uploadCrossSigningKeys),
            Map.entry("uploadCrossSigningSignatures", this::uploadCrossSigningSignatures),
            Map.entry("sendToDevice", this::sendToDevice),
            Map.entry("getAccountData", this::getAccountData),
            Map.entry("setAccountData", this::setAccountData),
            Map.entry("getProfileField", this::profileField),
            Map.entry("getUserProfile", this::profile));

    ClientApi(HomeserverState state, Accounts accounts, Clock clock) {
        this.state = state;
        this.accounts = accounts;
        this.syncStream = new SyncStream(state, clock);
        this.clock = clock;
    }

    Optional<Handler> handler(String operationId) {
        return Optional.ofNullable(handlers.get(operationId));
    }

    private static MatrixReply versions() {
        ObjectNode body = NODES.objectNode();
        body.putArray("versions").add("v1.11").add("v1.12");
        body.putObject("unstable_features");
        return MatrixReply.json(body);
    }

    private MatrixReply whoami(Call call) {
        return MatrixReply.json(NODES.objectNode()
                .put("user_id", call.user().userId())
                .put("device_id", call.user().deviceId())
                .put("is_guest", false));
    }

    private MatrixReply defineFilter(Call call) {
        String user = ownUserId(call, "create filters");
        return MatrixReply.json(NODES.objectNode().put("filter_id", accounts.addFilter(user, call.body())));
    }

    private MatrixReply getFilter(Call call) {
        String user = ownUserId(call, "read filters");
        return accounts.filter(user, call.path().get("filterId"))
                .map(MatrixReply::json)
                .orElseGet(() -> MatrixReply.error(404, "M_NOT_FOUND", "No such filter"));
    }

    private MatrixReply sync(Call call) throws InterruptedException {
        SyncStream.Request request = new SyncStream.Request(call.user(),
                call.query("since").map(SyncStream::position),
                call.query("filter").map(filter -> syncFilter(call.user().userId(), filter)).orElse(SyncFilter.NONE),
                call.query("full_state").map(Boolean::parseBoolean).orElse(false),
                call.query("use_state_after").map(Boolean::parseBoolean).orElse(false),
                Duration.ofMillis(Math.max(0, call.query("timeout").map(Long::parseLong).orElse(0L))));
        return MatrixReply.json(syncStream.sync(request));
    }

    /** The {@code filter} parameter is a filter ID or, when it starts with '{', the filter itself (sync.yaml). */
    private SyncFilter syncFilter(String userId, String parameter) {
        JsonNode filter = parameter.startsWith("{")
                ? parse(parameter)
                : accounts.filter(userId, parameter).orElseThrow(() -> new HomeserverRefusal(400, "M_INVALID_PARAM",
                        "no filter " + parameter + " for " + userId));
        return SyncFilter.from(filter);
    }

    private MatrixReply createRoom(Call call) {
        String version = call.body().path("room_version").asText(RoomCreation.ROOM_VERSION);
        if (!version.equals(RoomCreation.ROOM_VERSION)) {
            return MatrixReply.error(400, "M_UNSUPPORTED_ROOM_VERSION", "this homeserver creates rooms of version "
                    + RoomCreation.ROOM_VERSION + " only");
        }
        String roomId = state.createRoom(call.user().userId(), RoomCreation.fromRequest(call.body()));
        return MatrixReply.json(NODES.objectNode().put("room_id", roomId));
    }

    private MatrixReply join(Call call, String roomIdOrAlias) {
        if (roomIdOrAlias.startsWith("#")) {
            return MatrixReply.error(404, "M_NOT_FOUND", "Room alias " + roomIdOrAlias + " not found");
        }
        state.join(roomIdOrAlias, call.user().userId());
        return MatrixReply.json(NODES.objectNode().put("room_id", roomIdOrAlias));
    }

    private MatrixReply leave(Call call) {
        state.leave(call.path().get("roomId"), call.user().userId());
        return MatrixReply.empty();
    }

    private MatrixReply joinedRooms(Call call) {
        ArrayNode rooms = NODES.arrayNode();
        state.read(() -> state.rooms().stream().filter(room -> room.membership(call.user().userId()).equals("join")).toList())
                .forEach(room -> rooms.add(room.id()));
        ObjectNode body = NODES.objectNode();
        body.set("joined_rooms", rooms);
        return MatrixReply.json(body);
    }

    private MatrixReply roomState(Call call) {
        ArrayNode events = NODES.arrayNode();
        state.read(() -> joinedRoom(call).currentState())
                .forEach(entry -> events.add(EventJson.clientEvent(entry, call.user(), clock.millis(), true)));
        return MatrixReply.json(events);
    }

    private MatrixReply roomStateEvent(Call call) {
        Optional<Room.Entry> entry = state.read(() -> joinedRoom(call).state(call.path().get("eventType"), call.path().get("stateKey")));
        if (entry.isEmpty()) {
            return MatrixReply.error(404, "M_NOT_FOUND", "Event not found.");
        }
        boolean wholeEvent = call.query("format").orElse("content").equals("event");
        return MatrixReply.json(wholeEvent
                ? EventJson.clientEvent(entry.get(), call.user(), clock.millis(), true)
                : entry.get().event().content());
    }

    private MatrixReply setRoomState(Call call) {
        String eventId = state.sendState(call.path().get("roomId"), call.user().userId(), call.path().get("eventType"),
                call.path().get("stateKey"), call.body());
        return MatrixReply.json(NODES.objectNode().put("event_id", eventId));
    }

    private MatrixReply send(Call call) {
        HomeserverState.Transaction transaction = new HomeserverState.Transaction(call.user().deviceId(),
                call.exchange().url().encodedPath(), call.path().get("txnId"));
        String eventId = state.send(call.path().get("roomId"), call.user().userId(), call.path().get("eventType"), call.body(),
                transaction);
        return MatrixReply.json(NODES.objectNode().put("event_id", eventId));
    }

    /** A redaction is an {@code m.room.redaction} event naming the event it takes back (rooms of version 11). */
    private MatrixReply redact(Call call) {
        HomeserverState.Transaction transaction = new HomeserverState.Transaction(call.user().deviceId(),
                call.exchange().url().encodedPath(), call.path().get("txnId"));
        String eventId = state.redact(call.path().get("roomId"), call.user().userId(), call.path().get("eventId"), call.body(),
                transaction);
        return MatrixReply.json(NODES.objectNode().put("event_id", eventId));
    }

    private MatrixReply joinedMembers(Call call) {
        ObjectNode joined = NODES.objectNode();
        state.read(() -> joinedRoom(call).members("join"))
                .forEach(member -> joined.putObject(member).put("display_name", RoomCreation.localpart(member)));
        ObjectNode body = NODES.objectNode();
        body.set("joined", joined);
        return MatrixReply.json(body);
    }

    /** Members by membership, as state events (rooms.yaml); {@code not_membership=leave} leaves out who left. */
    private MatrixReply members(Call call) {
        Optional<String> only = call.query("membership");
        Optional<String> not = call.query("not_membership");
        ArrayNode chunk = NODES.arrayNode();
        state.read(() -> joinedRoom(call).currentState()).stream()
                .filter(entry -> entry.event().type().equals("m.room.member"))
                .filter(entry -> {
                    String membership = entry.event().content().path("membership").asText();
                    return only.map(membership::equals).orElse(true) && !not.map(membership::equals).orElse(false);
                })
                .forEach(entry -> chunk.add(EventJson.clientEvent(entry, call.user(), clock.millis(), true)));
        ObjectNode body = NODES.objectNode();
        body.set("chunk", chunk);
        return MatrixReply.json(body);
    }

    private MatrixReply sendToDevice(Call call) {
        state.sendToDevice(call.user(), call.path().get("eventType"), call.path().get("txnId"), call.body().path("messages"),
                accounts.devices());
        return MatrixReply.empty();
    }

    private MatrixReply uploadKeys(Call call) {
        ObjectNode body = NODES.objectNode();
        body.set("one_time_key_counts", state.uploadKeys(call.user(), call.body()));
        return MatrixReply.json(body);
    }

    private MatrixReply queryKeys(Call call) {
        return MatrixReply.json(state.queryKeys(call.user().userId(), call.body()));
    }

    private MatrixReply uploadCrossSigningKeys(Call call) {
        try {
            state.uploadCrossSigning(call.user(), call.body());
            return MatrixReply.json(NODES.objectNode());
        } catch (KeyDirectory.UserInteractiveAuth needed) {
            return MatrixReply.json(401, needed.flows());
        }
    }

    private MatrixReply uploadCrossSigningSignatures(Call call) {
        return MatrixReply.json(state.uploadSignatures(call.body()));
    }

    private MatrixReply claimKeys(Call call) {
        return MatrixReply.json(state.claimKeys(call.body()));
    }

    private MatrixReply getAccountData(Call call) {
        String user = ownUserId(call, "read account data");
        return state.accountData(user, call.path().get("type"))
                .map(MatrixReply::json)
                .orElseGet(() -> MatrixReply.error(404, "M_NOT_FOUND", "Account data not found"));
    }

    private MatrixReply setAccountData(Call call) {
        state.setAccountData(ownUserId(call, "set account data"), call.path().get("type"), call.body());
        return MatrixReply.empty();
    }

    private MatrixReply profileField(Call call) {
        String user = call.path().get("userId");
        if (!call.path().get("keyName").equals("displayname") || !accounts.isRegistered(user)) {
            return MatrixReply.error(404, "M_NOT_FOUND", "Profile field not found");
        }
        return MatrixReply.json(NODES.objectNode().put("displayname", RoomCreation.localpart(user)));
    }

    private MatrixReply profile(Call call) {
        String user = call.path().get("userId");
        if (!accounts.isRegistered(user)) {
            return MatrixReply.error(404, "M_NOT_FOUND", "Profile not found");
        }
        return MatrixReply.json(NODES.objectNode().put("displayname", RoomCreation.localpart(user)));
    }

    /** Under the lock: the room of the call's {@code roomId}, which the caller must have joined. */
    private Room joinedRoom(Call call) {
        Room room = state.room(call.path().get("roomId"));
        if (!room.membership(call.user().userId()).equals("join")) {
            throw HomeserverRefusal.forbidden(call.user().userId() + " is not in room " + room.id());
        }
        return room;
    }

    /** The path's {@code userId}, which must be the caller's own. */
    private static String ownUserId(Call call, String what) {
        String user = call.path().get("userId");
        if (!user.equals(call.user().userId())) {
            throw HomeserverRefusal.forbidden("Cannot " + what + " for other users");
        }
        return user;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
