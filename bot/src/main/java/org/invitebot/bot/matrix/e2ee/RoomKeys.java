package org.invitebot.bot.matrix.e2ee;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.crypto.GroupDecryption;
import org.invitebot.crypto.InboundGroupSession;
import org.invitebot.crypto.OlmException;

/**
 * Inbound Megolm sessions, sealed in the vault by session ID ({@code megolm-in/<session id>}) with the room and the
 * user and device that shared them over Olm (E2EE-NOTES invariant 4), and the message indices decrypted so
 * far ({@code megolm-seen/<session id>/<index>} → event ID) against replays.
 */
final class RoomKeys {

    static final String KIND = "megolm-in";
    static final String SEEN = "megolm-seen";
    private static final Logger log = LoggerFactory.getLogger(RoomKeys.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Why a room event was not decrypted; {@link #MISSING_KEY} may still be resolved by a later key. */
    enum Failure { MISSING_KEY, WRONG_SENDER, REPLAY, UNDECRYPTABLE }

    /** A decrypted room event and the device whose session it came in, or why not. */
    record Opened(Optional<ObjectNode> event, String deviceId, Optional<Failure> failure) {

        static Opened of(ObjectNode event, String deviceId) {
            return new Opened(Optional.of(event), deviceId, Optional.empty());
        }

        static Opened failed(Failure failure) {
            return new Opened(Optional.empty(), "", Optional.of(failure));
        }
    }

    private final byte[] pickleKey;

    RoomKeys(byte[] pickleKey) {
        this.pickleKey = pickleKey;
    }

    /**
     * Keeps an {@code m.room_key} that came over Olm from {@code from}. A session already held from an earlier
     * or the same index is kept as it is: a key never replaces a better one.
     */
    void add(JsonNode roomKey, Device from, Working vault) {
        if (!roomKey.path("algorithm").asText().equals(OwnDevice.MEGOLM)) {
            return;
        }
        String sessionId = roomKey.path("session_id").asText();
        try {
            InboundGroupSession session = InboundGroupSession.fromSessionKey(roomKey.path("session_key").asText());
            if (!session.sessionId().equals(sessionId)) {
                log.warn("a room key from {} names session {} but holds another; ignored", from.userId(), sessionId);
                return;
            }
            Optional<ObjectNode> held = vault.json(KIND, sessionId);
            if (held.isPresent() && held.get().path("first_index").asInt() <= session.firstKnownIndex()) {
                return;
            }
            ObjectNode record = NODES.objectNode().put("room_id", roomKey.path("room_id").asText())
                    .put("sender", from.userId()).put("device_id", from.deviceId()).put("sender_key", from.curve25519())
                    .put("first_index", session.firstKnownIndex()).put("pickle", session.pickle(pickleKey));
            vault.put(KIND, sessionId, record);
        } catch (OlmException e) {
            log.warn("a room key from {} could not be read: {}", from.userId(), e.reason());
        }
    }

    /**
     * The {@code m.forwarded_room_key} content for a held session, from the first index held, naming the device that
     * shared it.
     */
    Optional<ObjectNode> forwardable(String sessionId, Devices devices, Working vault) {
        Optional<ObjectNode> record = vault.json(KIND, sessionId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String senderKey = record.get().path("sender_key").asText();
        Optional<Device> origin = devices.withCurveKey(record.get().path("sender").asText(), senderKey, vault);
        try {
            InboundGroupSession session = InboundGroupSession.unpickle(record.get().path("pickle").asText(), pickleKey);
            ObjectNode content = NODES.objectNode().put("algorithm", OwnDevice.MEGOLM)
                    .put("room_id", record.get().path("room_id").asText()).put("sender_key", senderKey)
                    .put("session_id", sessionId).put("session_key", session.export(session.firstKnownIndex()))
                    .put("sender_claimed_ed25519_key", origin.map(Device::ed25519).orElse(""));
            content.putArray("forwarding_curve25519_key_chain");
            return origin.isPresent() ? Optional.of(content) : Optional.empty();
        } catch (OlmException e) {
            log.warn("the session {} could not be exported: {}", sessionId, e.reason());
            return Optional.empty();
        }
    }

    boolean has(String sessionId, Working vault) {
        return vault.get(KIND, sessionId).isPresent();
    }

    /**
     * Decrypts a Megolm room event: its session must have been shared in this room by the event's sender,
     * its message index not decrypted before for another event, and the plaintext must name this room.
     *
     * @return the decrypted event's {@code type} and {@code content}
     */
    Opened open(String roomId, String eventId, String sender, JsonNode content, Working vault) {
        String sessionId = content.path("session_id").asText("");
        Optional<ObjectNode> record = vault.json(KIND, sessionId);
        if (record.isEmpty()) {
            return Opened.failed(Failure.MISSING_KEY);
        }
        if (!record.get().path("room_id").asText().equals(roomId) || !record.get().path("sender").asText().equals(sender)) {
            return Opened.failed(Failure.WRONG_SENDER);
        }
        try {
            InboundGroupSession session = InboundGroupSession.unpickle(record.get().path("pickle").asText(), pickleKey);
            GroupDecryption decrypted = session.decrypt(content.path("ciphertext").asText());
            String seenId = sessionId + "/" + decrypted.messageIndex();
            Optional<String> seen = vault.get(SEEN, seenId);
            if (seen.isPresent() && !seen.get().equals(eventId)) {
                return Opened.failed(Failure.REPLAY);
            }
            vault.put(SEEN, seenId, eventId);
            ObjectNode event = Working.parse(new String(decrypted.plaintext(), StandardCharsets.UTF_8));
            if (!event.path("room_id").asText().equals(roomId) || !event.path("content").isObject()) {
                return Opened.failed(Failure.WRONG_SENDER);
            }
            return Opened.of(event, record.get().path("device_id").asText());
        } catch (OlmException | IllegalStateException e) {
            log.warn("event {} in {} could not be decrypted: {}", eventId, roomId,
                    e instanceof OlmException olm ? olm.reason() : "not JSON");
            return Opened.failed(Failure.UNDECRYPTABLE);
        }
    }
}
