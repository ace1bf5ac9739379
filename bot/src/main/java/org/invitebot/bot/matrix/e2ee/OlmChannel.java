package org.invitebot.bot.matrix.e2ee;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.bot.matrix.TxnIds;
import org.invitebot.core.store.StateStore;
import org.invitebot.crypto.Account;
import org.invitebot.crypto.InboundCreation;
import org.invitebot.crypto.OlmException;
import org.invitebot.crypto.OlmMessage;
import org.invitebot.crypto.Session;

/**
 * Olm between the bot's device and others: sessions sealed in the vault ({@code olm/<their curve key>/<session id>}),
 * the one used last preferred for sending, as the spec recommends.
 */
final class OlmChannel {

    static final String KIND = "olm";
    static final String WEDGED = "olm-wedged";
    static final String UNWEDGED = "olm-unwedged";
    /** A device is given a new session at most this often, as the spec suggests, so two devices cannot loop. */
    static final Duration UNWEDGE_INTERVAL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(OlmChannel.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MatrixClient matrix;
    private final OwnDevice own;
    private final byte[] pickleKey;
    private final Clock clock;

    OlmChannel(MatrixClient matrix, OwnDevice own, byte[] pickleKey, Clock clock) {
        this.matrix = matrix;
        this.own = own;
        this.pickleKey = pickleKey;
        this.clock = clock;
    }

    /**
     * A to-device {@code m.room.encrypted} event's plaintext, if it was for this device and decrypts. A normal message
     * that no session fits means the sender holds a session this device lost or never had: the sender is noted
     * ({@code olm-wedged/<their key>}) for {@link #unwedge}.
     */
    Optional<byte[]> decrypt(String sender, JsonNode content, Working vault) {
        JsonNode mine = content.path("ciphertext").path(own.curve25519());
        String theirKey = content.path("sender_key").asText("");
        if (!content.path("algorithm").asText().equals(OwnDevice.OLM) || mine.isMissingNode() || theirKey.isEmpty()) {
            return Optional.empty();
        }
        OlmMessage message = new OlmMessage(mine.path("type").asInt(), mine.path("body").asText());
        for (Map.Entry<String, String> stored : vault.list(KIND, theirKey + "/").entrySet()) {
            Session session = session(stored.getValue());
            if (message.type() == 0 && !session.matchesInbound(message)) {
                continue;
            }
            try {
                byte[] plaintext = session.decrypt(message);
                save(theirKey, session, vault);
                return Optional.of(plaintext);
            } catch (OlmException e) {
                log.debug("an Olm session with {} did not decrypt a message: {}", theirKey, e.reason());
            }
        }
        if (message.type() != 0) {
            log.warn("a to-device message from {} could not be decrypted: no Olm session fits", theirKey);
            vault.put(WEDGED, theirKey, NODES.objectNode().put("sender", sender));
            return Optional.empty();
        }
        Account account = own.account(vault);
        try {
            InboundCreation created = account.createInboundSession(theirKey, message);
            own.save(account, vault);
            save(theirKey, created.session(), vault);
            return Optional.of(created.plaintext());
        } catch (OlmException e) {
            log.warn("a pre-key message from {} could not start an Olm session: {}", theirKey, e.reason());
            return Optional.empty();
        }
    }

    /**
     * Encrypts {@code payload} (type and content) for each device, with the envelope the spec asks for,
     * claiming a one-time key for a device without a session. Devices without a usable key are left out.
     *
     * @return to-device contents by device
     */
    Map<Device, ObjectNode> encrypt(List<Device> devices, String type, ObjectNode content, Working vault) {
        List<Device> withoutSession = devices.stream().filter(device -> vault.list(KIND, device.curve25519() + "/").isEmpty()).toList();
        if (!withoutSession.isEmpty()) {
            startSessions(withoutSession, vault);
        }
        Map<Device, ObjectNode> encrypted = new LinkedHashMap<>();
        for (Device device : devices) {
            Optional<Map.Entry<String, String>> newest = vault.list(KIND, device.curve25519() + "/").entrySet().stream()
                    .max(Comparator.comparingLong(entry -> Working.parse(entry.getValue()).path("used").asLong()));
            if (newest.isEmpty()) {
                continue;
            }
            Session session = session(newest.get().getValue());
            ObjectNode plaintext = NODES.objectNode().put("type", type).put("sender", own.userId())
                    .put("sender_device", own.deviceId()).put("recipient", device.userId());
            plaintext.set("content", content);
            plaintext.putObject("keys").put("ed25519", own.ed25519());
            plaintext.putObject("recipient_keys").put("ed25519", device.ed25519());
            OlmMessage message = session.encrypt(plaintext.toString().getBytes(StandardCharsets.UTF_8));
            save(device.curve25519(), session, vault);
            ObjectNode envelope = NODES.objectNode().put("algorithm", OwnDevice.OLM).put("sender_key", own.curve25519());
            envelope.putObject("ciphertext").putObject(device.curve25519()).put("type", message.type()).put("body", message.body());
            encrypted.put(device, envelope);
        }
        return encrypted;
    }

    /**
     * Gives each noted sender's device a new Olm session with an {@code m.dummy} on it (the spec's way out of a
     * wedged session): its next to-device messages then use that session. The message is on disk before it leaves.
     */
    void unwedge(Devices devices, StateStore store) {
        Working vault = new Working(store);
        Map<String, String> wedged = vault.list(WEDGED, "");
        if (wedged.isEmpty()) {
            return;
        }
        wedged.forEach((theirKey, json) -> {
            ObjectNode record = Working.parse(json);
            if (record.has("messages")) {
                return;
            }
            Optional<Device> device = devices.withCurveKey(record.path("sender").asText(), theirKey, vault);
            long last = vault.json(UNWEDGED, theirKey).map(done -> done.path("at").asLong()).orElse(0L);
            if (device.isEmpty() || clock.millis() - last < UNWEDGE_INTERVAL.toMillis()) {
                vault.delete(WEDGED, theirKey);
                return;
            }
            startSessions(List.of(device.get()), vault);
            ObjectNode envelope = encrypt(List.of(device.get()), "m.dummy", NODES.objectNode(), vault).get(device.get());
            if (envelope == null) {
                vault.delete(WEDGED, theirKey);
                return;
            }
            record.putObject("messages").putObject(device.get().userId()).set(device.get().deviceId(), envelope);
            record.put("txn", TxnIds.of(theirKey + "/" + clock.millis(), "unwedge"));
            vault.put(WEDGED, theirKey, record);
        });
        ToDeviceOutbox.flush(matrix, store, vault, WEDGED, (theirKey, record) -> {
            vault.put(UNWEDGED, theirKey, NODES.objectNode().put("at", clock.millis()));
            log.info("gave device {} a new Olm session: its messages did not decrypt", theirKey);
        });
    }

    private void startSessions(List<Device> devices, Working vault) {
        ObjectNode request = NODES.objectNode();
        devices.forEach(device -> request.withObjectProperty(device.userId()).put(device.deviceId(), OwnDevice.SIGNED_CURVE25519));
        JsonNode claimed = matrix.claimKeys(request).path("one_time_keys");
        Account account = own.account(vault);
        for (Device device : devices) {
            List<Map.Entry<String, JsonNode>> keys = new ArrayList<>();
            claimed.path(device.userId()).path(device.deviceId()).fields().forEachRemaining(keys::add);
            Optional<String> key = keys.stream()
                    .filter(entry -> entry.getKey().startsWith(OwnDevice.SIGNED_CURVE25519 + ":"))
                    .filter(entry -> Account.verify(device.ed25519(), CanonicalJson.forSigning(entry.getValue()),
                            entry.getValue().path("signatures").path(device.userId()).path("ed25519:" + device.deviceId()).asText("")))
                    .map(entry -> entry.getValue().path("key").asText())
                    .findFirst();
            if (key.isEmpty()) {
                log.warn("no signed one-time key for device {} of {}: it will not get this room key", device.deviceId(),
                        device.userId());
                continue;
            }
            save(device.curve25519(), account.createOutboundSession(device.curve25519(), key.get()), vault);
        }
    }

    private Session session(String stored) {
        try {
            return Session.unpickle(Working.parse(stored).path("pickle").asText(), pickleKey);
        } catch (OlmException e) {
            throw new IllegalStateException("cannot open a stored Olm session (" + e.reason() + ")", e);
        }
    }

    private void save(String theirKey, Session session, Working vault) {
        vault.put(KIND, theirKey + "/" + session.sessionId(),
                NODES.objectNode().put("pickle", session.pickle(pickleKey)).put("used", clock.millis()));
    }
}
