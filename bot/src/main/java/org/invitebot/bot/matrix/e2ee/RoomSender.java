package org.invitebot.bot.matrix.e2ee;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.bot.matrix.TxnIds;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.StateStore;
import org.invitebot.crypto.OlmException;
import org.invitebot.crypto.OutboundGroupSession;

/**
 * Encrypts what the bot says in a room (E2EE-NOTES invariants 2 and 3). The room's outbound Megolm session
 * ({@code megolm-out/<room>}) is shared over Olm with every device of every member before a message uses
 * it; the to-device batch and the advanced Olm sessions are on disk before the batch leaves
 * ({@code share/<room>}), so a crash re-sends the same batch under the same transaction ID. A message is
 * encrypted once: the ciphertext and the advanced session are on disk ({@code outbox/<txn>}) before the
 * send, and a retry sends those bytes again.
 */
final class RoomSender {

    static final String OUTBOUND = "megolm-out";
    static final String OUTBOX = "outbox";
    static final String SHARE = "share";
    /** The spec's defaults when {@code m.room.encryption} names none. */
    static final long DEFAULT_ROTATION_MS = 604_800_000L;
    static final int DEFAULT_ROTATION_MESSAGES = 100;
    private static final Logger log = LoggerFactory.getLogger(RoomSender.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MatrixClient matrix;
    private final StateStore store;
    private final OwnDevice own;
    private final OlmChannel olm;
    private final Devices devices;
    private final byte[] pickleKey;
    private final Clock clock;

    RoomSender(MatrixClient matrix, StateStore store, OwnDevice own, OlmChannel olm, Devices devices, byte[] pickleKey,
            Clock clock) {
        this.matrix = matrix;
        this.store = store;
        this.own = own;
        this.olm = olm;
        this.devices = devices;
        this.pickleKey = pickleKey;
        this.clock = clock;
    }

    /**
     * The {@code m.room.encrypted} content for {@code txnId}: the stored one when this transaction was encrypted
     * before, else a new one, shared and stored first. Call under the encryption lock.
     */
    ObjectNode encrypt(String roomId, JsonNode encryption, String eventType, String txnId, ObjectNode content) {
        Working vault = new Working(store);
        Optional<ObjectNode> sent = vault.json(OUTBOX, txnId);
        if (sent.isPresent()) {
            return (ObjectNode) sent.get().path("content");
        }
        resendPendingShare(roomId, vault);
        ObjectNode current = outbound(roomId, encryption, vault);
        OutboundGroupSession session = unpickle(current);
        share(roomId, session, current, vault);
        // as share left it, with the devices that now hold the key: otherwise the next message shares it again
        ObjectNode record = vault.json(OUTBOUND, roomId).orElseThrow();

        ObjectNode plaintext = NODES.objectNode().put("type", eventType).put("room_id", roomId);
        plaintext.set("content", content);
        ObjectNode encrypted = NODES.objectNode().put("algorithm", OwnDevice.MEGOLM).put("sender_key", own.curve25519())
                .put("device_id", own.deviceId()).put("session_id", session.sessionId())
                .put("ciphertext", session.encrypt(plaintext.toString().getBytes(StandardCharsets.UTF_8)));
        if (content.has("m.relates_to")) {
            // in the clear too, as the spec has it, so that servers and clients thread and aggregate without the key
            encrypted.set("m.relates_to", content.get("m.relates_to").deepCopy());
        }
        record.put("pickle", session.pickle(pickleKey)).put("messages", record.path("messages").asInt() + 1);
        vault.put(OUTBOUND, roomId, record);
        ObjectNode outbox = NODES.objectNode().put("room_id", roomId);
        outbox.set("content", encrypted);
        vault.put(OUTBOX, txnId, outbox);
        store.writeVault(vault.drain(), Durability.ON_DISK);
        return encrypted;
    }

    /** The homeserver has the event: its ciphertext need not be kept. */
    void sent(String txnId) {
        Working vault = new Working(store);
        vault.delete(OUTBOX, txnId);
        store.writeVault(vault.drain(), Durability.CRASH_SAFE);
    }

    /** Someone left the room, or its settings changed: the next message starts a new session. */
    static void rotate(String roomId, Working vault) {
        vault.json(OUTBOUND, roomId).ifPresent(record -> {
            record.put("rotate", true);
            vault.put(OUTBOUND, roomId, record);
        });
    }

    private ObjectNode outbound(String roomId, JsonNode encryption, Working vault) {
        Optional<ObjectNode> current = vault.json(OUTBOUND, roomId);
        long maxAge = encryption.path("rotation_period_ms").asLong(DEFAULT_ROTATION_MS);
        int maxMessages = encryption.path("rotation_period_msgs").asInt(DEFAULT_ROTATION_MESSAGES);
        if (current.isPresent() && !current.get().path("rotate").asBoolean()
                && clock.millis() - current.get().path("created").asLong() < maxAge
                && current.get().path("messages").asInt() < maxMessages) {
            return current.get();
        }
        OutboundGroupSession session = OutboundGroupSession.create();
        log.info("new Megolm session for {}{}", roomId, current.isPresent() ? " (rotated)" : "");
        ObjectNode record = NODES.objectNode().put("pickle", session.pickle(pickleKey)).put("created", clock.millis())
                .put("messages", 0).put("rotate", false);
        record.putArray("shared");
        return record;
    }

    /** Sends the session key to the members' devices that do not have it yet, over Olm. */
    private void share(String roomId, OutboundGroupSession session, ObjectNode record, Working vault) {
        Set<String> shared = new HashSet<>();
        record.path("shared").forEach(key -> shared.add(key.asText()));
        List<Device> missing = devices.of(matrix.members(roomId), vault).stream()
                .filter(device -> !device.curve25519().equals(own.curve25519()) && !shared.contains(device.curve25519()))
                .toList();
        if (missing.isEmpty()) {
            vault.put(OUTBOUND, roomId, record);
            return;
        }
        ObjectNode roomKey = NODES.objectNode().put("algorithm", OwnDevice.MEGOLM).put("room_id", roomId)
                .put("session_id", session.sessionId()).put("session_key", session.sessionKey());
        Map<Device, ObjectNode> encrypted = olm.encrypt(missing, "m.room_key", roomKey, vault);
        ObjectNode messages = NODES.objectNode();
        ArrayNode to = NODES.arrayNode();
        encrypted.forEach((device, envelope) -> {
            messages.withObjectProperty(device.userId()).set(device.deviceId(), envelope);
            to.add(device.curve25519());
        });
        String txnId = TxnIds.of(session.sessionId(), "share-" + shared.size());
        ObjectNode pending = NODES.objectNode().put("txn", txnId);
        pending.set("messages", messages);
        pending.set("devices", to);
        vault.put(OUTBOUND, roomId, record);
        vault.put(SHARE, roomId, pending);
        store.writeVault(vault.drain(), Durability.ON_DISK);
        deliver(roomId, pending, vault);
    }

    private void resendPendingShare(String roomId, Working vault) {
        vault.json(SHARE, roomId).ifPresent(pending -> deliver(roomId, pending, vault));
    }

    private void deliver(String roomId, ObjectNode pending, Working vault) {
        matrix.sendToDevice("m.room.encrypted", pending.path("txn").asText(), (ObjectNode) pending.path("messages"));
        ObjectNode record = vault.json(OUTBOUND, roomId).orElseThrow();
        ArrayNode shared = (ArrayNode) record.path("shared");
        pending.path("devices").forEach(shared::add);
        vault.put(OUTBOUND, roomId, record);
        vault.delete(SHARE, roomId);
        store.writeVault(vault.drain(), Durability.CRASH_SAFE);
    }

    private OutboundGroupSession unpickle(ObjectNode record) {
        try {
            return OutboundGroupSession.unpickle(record.path("pickle").asText(), pickleKey);
        } catch (OlmException e) {
            throw new IllegalStateException("cannot open a stored Megolm session (" + e.reason() + ")", e);
        }
    }
}
