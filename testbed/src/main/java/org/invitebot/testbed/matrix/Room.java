package org.invitebot.testbed.matrix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A room's events in stream order and its current state. Not thread-safe: {@link HomeserverState} guards it. */
final class Room {

    /**
     * An event at its place in the homeserver's stream.
     *
     * @param txnDevice the device that sent it with a transaction id, {@code null} otherwise
     */
    record Entry(long position, RoomEvent event, String txnDevice, String txnId) {
    }

    private final String id;
    private final List<Entry> timeline = new ArrayList<>();
    private final Map<String, Entry> state = new LinkedHashMap<>();

    Room(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    void append(Entry entry) {
        timeline.add(entry);
        if (entry.event().isState()) {
            state.put(key(entry.event().type(), entry.event().stateKey()), entry);
        }
    }

    List<Entry> timeline() {
        return List.copyOf(timeline);
    }

    Optional<Entry> event(String eventId) {
        return timeline.stream().filter(entry -> entry.event().eventId().equals(eventId)).findFirst();
    }

    /**
     * Strips a message event as the redaction algorithm does: nothing of its content is kept, so its relation
     * is gone too and a reaction no longer counts.
     */
    void redact(String eventId) {
        for (int i = 0; i < timeline.size(); i++) {
            Entry entry = timeline.get(i);
            RoomEvent event = entry.event();
            if (event.eventId().equals(eventId)) {
                RoomEvent stripped = new RoomEvent(event.eventId(), event.roomId(), event.type(), event.sender(), null,
                        JsonNodeFactory.instance.objectNode(), event.originServerTs());
                timeline.set(i, new Entry(entry.position(), stripped, entry.txnDevice(), entry.txnId()));
            }
        }
    }

    Collection<Entry> currentState() {
        return List.copyOf(state.values());
    }

    Optional<Entry> state(String type, String stateKey) {
        return Optional.ofNullable(state.get(key(type, stateKey)));
    }

    /** {@code join}, {@code invite}, {@code leave}, {@code ban}; "" for someone the room has never seen. */
    String membership(String userId) {
        return state("m.room.member", userId).map(entry -> entry.event().content().path("membership").asText()).orElse("");
    }

    /** Where the user's current membership began, 0 if there is none. */
    long membershipPosition(String userId) {
        return state("m.room.member", userId).map(Entry::position).orElse(0L);
    }

    List<String> members(String membership) {
        return state.values().stream()
                .filter(entry -> entry.event().type().equals("m.room.member"))
                .filter(entry -> entry.event().content().path("membership").asText().equals(membership))
                .map(entry -> entry.event().stateKey())
                .toList();
    }

    String joinRule() {
        return state("m.room.join_rules", "").map(entry -> entry.event().content().path("join_rule").asText()).orElse("invite");
    }

    int powerLevel(String userId) {
        JsonNode levels = powerLevels();
        return levels.path("users").path(userId).asInt(levels.path("users_default").asInt(0));
    }

    /** The power level needed to send an event of {@code type}, to invite ({@code "invite"}) or to redact others' events ({@code "redact"}). */
    int levelFor(String type, boolean isState) {
        JsonNode levels = powerLevels();
        if (type.equals("invite")) {
            return levels.path("invite").asInt(0);
        }
        if (type.equals("redact")) {
            return levels.path("redact").asInt(50);
        }
        return levels.path("events").path(type).asInt(levels.path(isState ? "state_default" : "events_default").asInt(isState ? 50 : 0));
    }

    /**
     * The state events with {@code after < position < before}, latest per type and key: with
     * {@code after = 0} the whole state just before {@code before}.
     */
    List<Entry> stateBetween(long after, long before) {
        Map<String, Entry> folded = new LinkedHashMap<>();
        for (Entry entry : timeline) {
            if (entry.event().isState() && entry.position() > after && entry.position() < before) {
                folded.put(key(entry.event().type(), entry.event().stateKey()), entry);
            }
        }
        return List.copyOf(folded.values());
    }

    private JsonNode powerLevels() {
        return state("m.room.power_levels", "").map(entry -> entry.event().content()).orElse(MissingNode.getInstance());
    }

    private static String key(String type, String stateKey) {
        return type + '\u0000' + stateKey;
    }
}
