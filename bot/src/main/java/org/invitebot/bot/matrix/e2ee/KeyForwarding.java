package org.invitebot.bot.matrix.e2ee;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.bot.matrix.SyncBatch;
import org.invitebot.bot.matrix.TxnIds;
import org.invitebot.core.store.StateStore;

/**
 * Room keys for the bot's own other devices ({@code m.room_key_request}, answered with {@code m.forwarded_room_key})
 * and for nobody else: only a device the bot's self-signing key signed (the operator vouched for it with
 * {@code invitebot verify-device}), and only while the homeserver shows the bot's own cross-signing keys. A request
 * is noted with its batch ({@code forward/<device>|<request>}); its encrypted answer is on disk before it is sent
 * and is sent again, as the same bytes under the same transaction ID, after a crash.
 */
final class KeyForwarding {

    static final String KIND = "forward";
    private static final Logger log = LoggerFactory.getLogger(KeyForwarding.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MatrixClient matrix;
    private final StateStore store;
    private final OwnDevice own;
    private final Devices devices;
    private final OlmChannel olm;
    private final RoomKeys roomKeys;

    KeyForwarding(MatrixClient matrix, StateStore store, OwnDevice own, Devices devices, OlmChannel olm, RoomKeys roomKeys) {
        this.matrix = matrix;
        this.store = store;
        this.own = own;
        this.devices = devices;
        this.olm = olm;
        this.roomKeys = roomKeys;
    }

    /** Notes a request of the bot's own account for a session the bot holds; a cancellation takes it back. */
    void take(SyncBatch.ToDevice event, Working vault) {
        JsonNode content = event.content();
        String device = content.path("requesting_device_id").asText();
        String id = device + "|" + content.path("request_id").asText();
        String action = content.path("action").asText();
        if (action.equals("request_cancellation")) {
            vault.delete(KIND, id);
            return;
        }
        if (!event.sender().equals(own.userId()) || device.equals(own.deviceId()) || !action.equals("request")) {
            log.info("ignored a room key request from {} (device {}): keys go only to the bot's own verified devices",
                    event.sender(), device);
            return;
        }
        String sessionId = content.path("body").path("session_id").asText();
        if (roomKeys.has(sessionId, vault)) {
            vault.put(KIND, id, NODES.objectNode().put("device_id", device).put("session_id", sessionId));
        }
    }

    /** Answers what {@link #take} noted, once the batch that brought it is on disk. */
    void answer() {
        Working vault = new Working(store);
        Map<String, String> noted = vault.list(KIND, "");
        if (noted.isEmpty()) {
            return;
        }
        boolean ownKeys = CrossSigning.status(matrix, vault, own.userId(), own.deviceId()).keysMatch();
        // asked afresh: a signature the operator just added need not have reached this device list yet
        devices.markStale(List.of(own.userId()), vault);
        List<Device> mine = devices.of(List.of(own.userId()), vault);
        noted.forEach((id, json) -> {
            ObjectNode request = Working.parse(json);
            if (request.has("messages")) {
                return;
            }
            String deviceId = request.path("device_id").asText();
            Optional<Device> device = mine.stream().filter(each -> each.deviceId().equals(deviceId) && each.crossSigned()).findFirst();
            Optional<ObjectNode> key = roomKeys.forwardable(request.path("session_id").asText(), devices, vault);
            if (!ownKeys || device.isEmpty() || key.isEmpty()) {
                log.warn("did not forward a room key to device {} of the bot's account: {}", deviceId, !ownKeys || device.isEmpty()
                        ? "it is not signed by the bot's cross-signing keys (invitebot verify-device)" : "the session is not held");
                vault.delete(KIND, id);
                return;
            }
            ObjectNode envelope = olm.encrypt(List.of(device.get()), "m.forwarded_room_key", key.get(), vault).get(device.get());
            if (envelope == null) {
                vault.delete(KIND, id);
                return;
            }
            request.putObject("messages").putObject(own.userId()).set(deviceId, envelope);
            request.put("txn", TxnIds.of(id, KIND));
            vault.put(KIND, id, request);
        });
        ToDeviceOutbox.flush(matrix, store, vault, KIND, (id, request) -> log.info(
                "forwarded the room key of session {} to device {} of the bot's account", request.path("session_id").asText(),
                request.path("device_id").asText()));
    }
}
