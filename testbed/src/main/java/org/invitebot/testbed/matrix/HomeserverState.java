package org.invitebot.testbed.matrix;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rooms, their events on one stream of positions, and per-user account data, behind one lock.
 * Every change wakes whoever waits for one (long-polling {@code /sync}, {@code awaitEvent}); new
 * events go to listeners after the lock is released, on the thread that caused them.
 */
final class HomeserverState {

    private static final Logger log = LoggerFactory.getLogger(HomeserverState.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ROOM_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** Account data of one type, with the stream position of its last change. */
    record AccountData(long position, String type, JsonNode content) {
    }

    /** The transaction a client sent an event under; its scope is the device and the request path (Synapse). */
    record Transaction(String deviceId, String path, String txnId) {
    }

    private final String serverName;
    private final Clock clock;
    private final Random random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Room> rooms = new LinkedHashMap<>();
    private final Map<String, Map<String, AccountData>> accountData = new HashMap<>();
    private final Map<List<String>, String> transactions = new HashMap<>();
    private final List<RoomEvent> unannounced = new ArrayList<>();
    private final List<Consumer<RoomEvent>> listeners = new CopyOnWriteArrayList<>();
    private final KeyDirectory keys = new KeyDirectory();
    private long position;
    private boolean closed;

    HomeserverState(String serverName, Clock clock, Random random) {
        this.serverName = serverName;
        this.clock = clock;
        this.random = random;
    }

    String createRoom(String creator, RoomCreation creation) {
        return change(() -> {
            Room room = new Room("!" + randomText(18) + ":" + serverName);
            rooms.put(room.id(), room);
            creation.stateEvents(creator).forEach(draft -> append(room, creator, draft.type(), draft.stateKey(), draft.content(), null));
            creation.invites().forEach(invitee -> inviteInto(room, creator, invitee, creation.isDirect()));
            return room.id();
        });
    }

    void invite(String roomId, String inviter, String invitee) {
        change(() -> inviteInto(room(roomId), inviter, invitee, false));
    }

    void join(String roomId, String userId) {
        change(() -> {
            Room room = rooms.get(roomId);
            if (room == null) {
                throw HomeserverRefusal.notFound("no known room " + roomId);
            }
            String membership = room.membership(userId);
            if (membership.equals("join")) {
                return null;
            }
            if (!membership.equals("invite") && !room.joinRule().equals("public")) {
                throw HomeserverRefusal.forbidden(userId + " is not invited to " + roomId);
            }
            return append(room, userId, "m.room.member", userId, member("join", userId), null);
        });
    }

    void leave(String roomId, String userId) {
        change(() -> {
            Room room = room(roomId);
            if (!List.of("join", "invite").contains(room.membership(userId))) {
                throw HomeserverRefusal.forbidden(userId + " is not in " + roomId);
            }
            return append(room, userId, "m.room.member", userId, NODES.objectNode().put("membership", "leave"), null);
        });
    }

    /**
     * Sends a message event. A repeated transaction returns the first event's id and sends
     * nothing, as the spec demands of transaction ids.
     */
    String send(String roomId, String sender, String type, JsonNode content, Transaction transaction) {
        return change(() -> once(transaction, () -> {
            Room room = room(roomId);
            mayPost(room, sender, type, false);
            Relations.check(room, sender, type, content);
            return append(room, sender, type, null, content, transaction).eventId();
        }));
    }

    /** Under the lock: a repeated transaction returns the first event's id and does nothing. */
    private String once(Transaction transaction, Supplier<String> post) {
        List<String> key = transaction == null ? null : List.of(transaction.deviceId(), transaction.path());
        if (key != null && transactions.containsKey(key)) {
            return transactions.get(key);
        }
        String eventId = post.get();
        if (key != null) {
            transactions.put(key, eventId);
        }
        return eventId;
    }

    /**
     * Redacts a message event with an {@code m.room.redaction} ({@code redacts} in its content, room version 11).
     * A sender may redact their own events; others' need the room's {@code redact} power level. A repeated
     * transaction returns the first redaction's id.
     */
    String redact(String roomId, String sender, String eventId, JsonNode body, Transaction transaction) {
        return change(() -> once(transaction, () -> {
            Room room = room(roomId);
            mayPost(room, sender, "m.room.redaction", false);
            // Synapse accepts a redaction of an event it does not have; the stand-in refuses it to catch a wrong ID
            RoomEvent target = room.event(eventId).orElseThrow(() -> HomeserverRefusal.notFound("no event " + eventId
                    + " in " + roomId)).event();
            if (target.isState()) {
                throw new HomeserverRefusal(400, "M_UNRECOGNIZED", "the stand-in redacts message events only");
            }
            if (!target.sender().equals(sender) && room.powerLevel(sender) < room.levelFor("redact", false)) {
                throw HomeserverRefusal.forbidden(sender + " may not redact events of " + target.sender() + " in " + roomId);
            }
            ObjectNode content = NODES.objectNode().put("redacts", eventId);
            if (body.path("reason").isTextual()) {
                content.put("reason", body.path("reason").asText());
            }
            String redaction = append(room, sender, "m.room.redaction", null, content, transaction).eventId();
            room.redact(eventId);
            return redaction;
        }));
    }

    String sendState(String roomId, String sender, String type, String stateKey, JsonNode content) {
        return change(() -> {
            Room room = room(roomId);
            mayPost(room, sender, type, true);
            return append(room, sender, type, stateKey, content, null).eventId();
        });
    }

    void setAccountData(String userId, String type, JsonNode content) {
        change(() -> accountData.computeIfAbsent(userId, user -> new LinkedHashMap<>())
                .put(type, new AccountData(++position, type, content.deepCopy())));
    }

    Optional<JsonNode> accountData(String userId, String type) {
        return read(() -> Optional.ofNullable(accountData.getOrDefault(userId, Map.of()).get(type)).map(AccountData::content));
    }

    ObjectNode uploadKeys(Accounts.Session session, JsonNode body) {
        return change(() -> keys.upload(session, body, () -> ++position));
    }

    ObjectNode queryKeys(String requester, JsonNode body) {
        return read(() -> keys.query(requester, body));
    }

    void uploadCrossSigning(Accounts.Session session, JsonNode body) {
        change(() -> {
            keys.uploadCrossSigning(session, body, () -> ++position);
            return null;
        });
    }

    ObjectNode uploadSignatures(JsonNode body) {
        return change(() -> keys.uploadSignatures(body, () -> ++position));
    }

    void setPassword(String userId, String password) {
        change(() -> {
            keys.setPassword(userId, password);
            return null;
        });
    }

    ObjectNode claimKeys(JsonNode body) {
        return change(() -> keys.claim(body));
    }

    /** @param devicesByUser every device of each user, for {@code *} */
    void sendToDevice(Accounts.Session sender, String type, String txnId, JsonNode messages, Map<String, List<String>> devicesByUser) {
        change(() -> {
            keys.send(sender, type, txnId, messages, devicesByUser, () -> ++position);
            return null;
        });
    }

    /** Under the lock. */
    KeyDirectory keys() {
        return keys;
    }

    /** What {@code query} answers once {@code ready} accepts it, or when the timeout passes or the server closes. */
    <T> T awaitUntil(Supplier<T> query, Predicate<T> ready, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            T answer = query.get();
            for (long left = timeout.toNanos(); !ready.test(answer) && !closed && left > 0; left = deadline - System.nanoTime()) {
                changed.awaitNanos(left);
                answer = query.get();
            }
            return answer;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code query} under the lock: the methods below marked "under the lock" may be called from it. */
    <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: the position of the latest change. */
    long position() {
        return position;
    }

    /** Under the lock. */
    Collection<Room> rooms() {
        return rooms.values();
    }

    /** Under the lock: the room, or a refusal as a homeserver gives for a room the user is not in. */
    Room room(String roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            throw HomeserverRefusal.forbidden("unknown room " + roomId);
        }
        return room;
    }

    /** Under the lock: the user's account data changed after {@code since}. */
    List<AccountData> accountDataAfter(String userId, long since) {
        return accountData.getOrDefault(userId, Map.of()).values().stream().filter(data -> data.position() > since).toList();
    }

    void addListener(Consumer<RoomEvent> listener) {
        listeners.add(listener);
    }

    /** Releases everyone waiting, so that long-polls end when the server stops. */
    void close() {
        change(() -> closed = true);
    }

    private RoomEvent inviteInto(Room room, String inviter, String invitee, boolean isDirect) {
        mayPost(room, inviter, "invite", false);
        if (List.of("join", "ban").contains(room.membership(invitee))) {
            throw HomeserverRefusal.forbidden(invitee + " is already in the room or banned from it");
        }
        ObjectNode content = member("invite", invitee);
        if (isDirect) {
            content.put("is_direct", true);
        }
        return append(room, inviter, "m.room.member", invitee, content, null);
    }

    private static void mayPost(Room room, String sender, String type, boolean isState) {
        if (!room.membership(sender).equals("join")) {
            throw HomeserverRefusal.forbidden(sender + " is not in room " + room.id());
        }
        int needed = room.levelFor(type, isState);
        if (room.powerLevel(sender) < needed) {
            throw HomeserverRefusal.forbidden(sender + " has power level " + room.powerLevel(sender) + " in " + room.id()
                    + " but " + (type.equals("invite") ? "inviting" : "sending " + type) + " needs " + needed);
        }
    }

    private RoomEvent append(Room room, String sender, String type, String stateKey, JsonNode content, Transaction transaction) {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        RoomEvent event = new RoomEvent("$" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash), room.id(), type,
                sender, stateKey, content.deepCopy(), clock.millis());
        room.append(new Room.Entry(++position, event,
                transaction == null ? null : transaction.deviceId(), transaction == null ? null : transaction.txnId()));
        unannounced.add(event);
        return event;
    }

    private <T> T change(Supplier<T> action) {
        List<RoomEvent> announce;
        lock.lock();
        try {
            T result = action.get();
            changed.signalAll();
            return result;
        } finally {
            announce = List.copyOf(unannounced);
            unannounced.clear();
            lock.unlock();
            announce.forEach(this::announce);
        }
    }

    private void announce(RoomEvent event) {
        for (Consumer<RoomEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                log.warn("a room event listener failed on {}", event.eventId(), e);
            }
        }
    }

    private static ObjectNode member(String membership, String userId) {
        return NODES.objectNode().put("membership", membership).put("displayname", RoomCreation.localpart(userId));
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ROOM_ID_ALPHABET.charAt(random.nextInt(ROOM_ID_ALPHABET.length())));
        }
        return text.toString();
    }
}
