package org.invitebot.testbed.matrix;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers {@code /sync} (sync.yaml): what changed for a user since a stream position, waiting up
 * to the timeout for a change when nothing has. Batch tokens are stream positions, {@code s<n>}.
 *
 * <p>Like Synapse, a room the user joined after {@code since} comes with its recent history, the
 * last {@code limit} events before now, not only what followed the join; so does every room in an
 * initial sync. A client must not act on that history.
 */
final class SyncStream {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Synapse's default room_prejoin_state, plus the invite itself
    private static final Set<String> INVITE_STATE_TYPES = Set.of("m.room.create", "m.room.join_rules", "m.room.name",
            "m.room.avatar", "m.room.canonical_alias", "m.room.encryption", "m.room.topic");

    /**
     * @param since empty for an initial sync
     */
    record Request(Accounts.Session session, Optional<Long> since, SyncFilter filter, boolean fullState,
            boolean useStateAfter, Duration timeout) {
    }

    private record Answer(ObjectNode body, boolean hasNews) {
    }

    private record Window(List<Room.Entry> events, boolean limited) {
    }

    private final HomeserverState state;
    private final Clock clock;

    SyncStream(HomeserverState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /** The stream position a batch token stands for; a token this server never gave counts as 0. */
    static long position(String token) {
        try {
            return Long.parseLong(token.startsWith("s") ? token.substring(1) : token);
        } catch (NumberFormatException garbage) {
            return 0;
        }
    }

    ObjectNode sync(Request request) throws InterruptedException {
        // an initial sync and a full_state one answer at once (sync.yaml)
        Duration wait = request.since().isEmpty() || request.fullState() ? Duration.ZERO : request.timeout();
        return state.awaitUntil(() -> answer(request), Answer::hasNews, wait).body();
    }

    private Answer answer(Request request) {
        String user = request.session().userId();
        boolean initial = request.since().isEmpty();
        long since = request.since().orElse(0L);
        ObjectNode join = NODES.objectNode();
        ObjectNode invite = NODES.objectNode();
        ObjectNode leave = NODES.objectNode();
        for (Room room : state.rooms()) {
            long membershipAt = room.membershipPosition(user);
            switch (room.membership(user)) {
                case "join" -> joined(room, request, initial || membershipAt > since ? 0 : since).ifPresent(entry -> join.set(room.id(), entry));
                case "invite" -> {
                    if (initial || membershipAt > since) {
                        invite.set(room.id(), invited(room, user));
                    }
                }
                case "leave", "ban" -> {
                    if (!initial && membershipAt > since) {
                        leave.set(room.id(), left(room, request, since, membershipAt));
                    }
                }
                default -> {
                    // a room the user was never in
                }
            }
        }
        ArrayNode accountData = NODES.arrayNode();
        state.accountDataAfter(user, since).stream()
                .filter(data -> request.filter().accountDataTypes().admits(data.type()))
                .forEach(data -> accountData.addObject().put("type", data.type()).set("content", data.content().deepCopy()));

        ObjectNode body = NODES.objectNode().put("next_batch", "s" + state.position());
        ObjectNode rooms = body.putObject("rooms");
        rooms.set("join", join);
        rooms.set("invite", invite);
        rooms.set("leave", leave);
        body.putObject("account_data").set("events", accountData);
        body.putObject("presence").putArray("events");
        boolean hasNews = !join.isEmpty() || !invite.isEmpty() || !leave.isEmpty() || !accountData.isEmpty();
        return new Answer(body, encryption(body, request, initial, since) || hasNews);
    }

    /**
     * The end-to-end encryption extensions (e2e-extensions-to-sync): to-device messages until acknowledged,
     * device list changes of users sharing a room, and the device's key counts.
     *
     * @return whether there is news for the device
     */
    private boolean encryption(ObjectNode body, Request request, boolean initial, long since) {
        Accounts.Session session = request.session();
        KeyDirectory keys = state.keys();
        ArrayNode toDevice = body.putObject("to_device").putArray("events");
        keys.inbox(session, since).forEach(message -> toDevice.addObject().put("sender", message.sender())
                .put("type", message.type()).set("content", message.content().deepCopy()));
        body.set("device_one_time_keys_count", keys.counts(session.userId(), session.deviceId()));
        ArrayNode fallback = body.putArray("device_unused_fallback_key_types");
        keys.unusedFallbackTypes(session.userId(), session.deviceId()).forEach(fallback::add);
        if (initial) {
            return !toDevice.isEmpty();
        }
        Set<String> sharing = new TreeSet<>();
        Set<String> changed = new TreeSet<>();
        for (Room room : state.rooms()) {
            if (room.membership(session.userId()).equals("join")) {
                sharing.addAll(room.members("join"));
                // a newly shared room: the client must learn this member's devices
                room.members("join").stream().filter(member -> room.membershipPosition(member) > since).forEach(changed::add);
            }
        }
        Set<String> left = new TreeSet<>();
        keys.changesAfter(since).stream().map(KeyDirectory.KeyChange::userId).filter(sharing::contains).forEach(changed::add);
        for (Room room : state.rooms()) {
            room.members("leave").stream()
                    .filter(member -> room.membershipPosition(member) > since && !sharing.contains(member))
                    .forEach(left::add);
        }
        ObjectNode lists = body.putObject("device_lists");
        changed.forEach(lists.withArrayProperty("changed")::add);
        left.forEach(lists.withArrayProperty("left")::add);
        return !toDevice.isEmpty() || !changed.isEmpty() || !left.isEmpty();
    }

    /** @param after 0 for a room new to this client, which gets its recent history and whole state */
    private Optional<ObjectNode> joined(Room room, Request request, long after) {
        Window window = window(room, request.filter(), after, Long.MAX_VALUE);
        long timelineStart = window.events().isEmpty() ? state.position() + 1 : window.events().get(0).position();
        long stateFrom = request.fullState() ? 0 : after;
        List<Room.Entry> stateEvents = request.useStateAfter()
                ? room.stateBetween(stateFrom, Long.MAX_VALUE)
                : room.stateBetween(stateFrom, timelineStart);
        if (after > 0 && !request.fullState() && window.events().isEmpty() && stateEvents.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode entry = roomEntry(window, timelineStart, stateEvents, request);
        entry.putObject("ephemeral").putArray("events");
        entry.putObject("account_data").putArray("events");
        entry.putObject("unread_notifications").put("highlight_count", 0).put("notification_count", 0);
        return Optional.of(entry);
    }

    private ObjectNode left(Room room, Request request, long since, long leftAt) {
        Window window = window(room, request.filter(), since, leftAt);
        long timelineStart = window.events().isEmpty() ? leftAt : window.events().get(0).position();
        List<Room.Entry> stateEvents = request.useStateAfter()
                ? room.stateBetween(since, leftAt + 1)
                : room.stateBetween(since, timelineStart);
        return roomEntry(window, timelineStart, stateEvents, request);
    }

    private ObjectNode invited(Room room, String user) {
        ArrayNode events = NODES.arrayNode();
        room.currentState().stream()
                .filter(entry -> INVITE_STATE_TYPES.contains(entry.event().type()))
                .forEach(entry -> events.add(EventJson.stripped(entry.event())));
        room.state("m.room.member", user).ifPresent(entry -> events.add(EventJson.stripped(entry.event())));
        ObjectNode entry = NODES.objectNode();
        entry.putObject("invite_state").set("events", events);
        return entry;
    }

    private ObjectNode roomEntry(Window window, long timelineStart, List<Room.Entry> stateEvents, Request request) {
        long now = clock.millis();
        ObjectNode entry = NODES.objectNode();
        ArrayNode stateJson = entry.putObject(request.useStateAfter() ? "state_after" : "state").putArray("events");
        stateEvents.forEach(event -> stateJson.add(EventJson.clientEvent(event, request.session(), now, false)));
        ObjectNode timeline = entry.putObject("timeline");
        ArrayNode events = timeline.putArray("events");
        window.events().forEach(event -> events.add(EventJson.clientEvent(event, request.session(), now, false)));
        timeline.put("limited", window.limited()).put("prev_batch", "s" + (timelineStart - 1));
        return entry;
    }

    /** The last {@code limit} events the filter admits with {@code after < position <= until}. */
    private static Window window(Room room, SyncFilter filter, long after, long until) {
        List<Room.Entry> admitted = room.timeline().stream()
                .filter(entry -> entry.position() > after && entry.position() <= until)
                .filter(entry -> filter.timelineTypes().admits(entry.event().type()))
                .toList();
        int limit = Math.max(filter.timelineLimit(), 0);
        return admitted.size() <= limit
                ? new Window(admitted, false)
                : new Window(admitted.subList(admitted.size() - limit, admitted.size()), true);
    }
}
