package org.invitebot.bot.matrix.e2ee;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.bot.matrix.SyncBatch;
import org.invitebot.bot.matrix.TxnIds;
import org.invitebot.core.config.EncryptionSettings;
import org.invitebot.core.config.Secret;
import org.invitebot.core.store.AuditEntry;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.StateStore;
import org.invitebot.core.store.VaultWrite;

/**
 * End-to-end encryption for the Matrix adapter: reads a {@code /sync} batch into plain events, and encrypts
 * what the bot says in encrypted rooms (see {@link EncryptingMatrixClient}). Everything a batch changes is
 * handed to the caller to commit with the batch's position (E2EE-NOTES invariant 1); one lock keeps the
 * sync thread and the workers from advancing the same ratchet at once.
 */
public final class Encryption {

    static final String PENDING = "pending";
    static final String ROOM = "room";
    /** Commands from a device that may not command the bot ({@code distrust/<event id>} → why), for their answer. */
    static final String DISTRUST = "distrust";
    static final String WITHHELD = "withheld";
    private static final Logger log = LoggerFactory.getLogger(Encryption.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MatrixClient matrix;
    private final StateStore store;
    private final OwnDevice own;
    private final Devices devices;
    private final OlmChannel olm;
    private final RoomKeys roomKeys;
    private final RoomSender sender;
    private final Identities identities = new Identities();
    private final SenderTrust trust;
    private final CrossSigning crossSigning;
    private final KeyForwarding keyForwarding;
    private final Duration keyWait;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();

    private Encryption(MatrixClient matrix, StateStore store, OwnDevice own, CrossSigning crossSigning, byte[] pickleKey,
            EncryptionSettings settings, Clock clock) {
        this.matrix = matrix;
        this.store = store;
        this.own = own;
        this.crossSigning = crossSigning;
        this.devices = new Devices(matrix, identities);
        this.trust = new SenderTrust(settings.trust(), devices, identities);
        this.olm = new OlmChannel(matrix, own, pickleKey, clock);
        this.roomKeys = new RoomKeys(pickleKey);
        this.sender = new RoomSender(matrix, store, own, olm, devices, pickleKey, clock);
        this.keyForwarding = new KeyForwarding(matrix, store, own, devices, olm, roomKeys);
        this.keyWait = settings.keyWait();
        this.clock = clock;
    }

    /**
     * Takes up the device's identity (or starts one), publishes its keys, and signs the device with the bot's
     * cross-signing keys (made on the first start).
     *
     * @param password the account's password, for replacing cross-signing keys the homeserver holds
     */
    public static Encryption start(MatrixClient matrix, StateStore store, String userId, String deviceId, byte[] pickleKey,
            EncryptionSettings settings, Optional<Secret> password, Clock clock) {
        OwnDevice own = new OwnDevice(matrix, userId, pickleKey);
        CrossSigning crossSigning = new CrossSigning(matrix, own, pickleKey, password);
        Working vault = new Working(store);
        own.start(deviceId, vault);
        crossSigning.ensureKeys(vault);
        store.writeVault(vault.drain(), Durability.ON_DISK);
        Encryption encryption = new Encryption(matrix, store, own, crossSigning, pickleKey, settings, clock);
        encryption.publish();
        log.info("end-to-end encryption on: device {}, identity key {}", deviceId, own.ed25519());
        try {
            if (crossSigning.publish(new Working(store)).complete()) {
                log.info("the bot's device is signed by its cross-signing keys");
            }
        } catch (RuntimeException e) {
            log.warn("could not publish the bot's cross-signing ({}); trying again at the next start", e.getMessage());
        }
        return encryption;
    }

    /** Where the bot's cross-signing stands on the homeserver, against the state file's keys, for {@code check}. */
    public static CrossSigningStatus crossSigningStatus(MatrixClient matrix, StateStore store, String userId, String deviceId) {
        return CrossSigning.status(matrix, new Working(store), userId, deviceId);
    }

    /**
     * The operator vouches for another device of the bot's account ({@code invitebot verify-device}): signed with the
     * bot's self-signing key, it gets the room keys it asks for.
     *
     * @return why it was not signed, or empty when it is
     */
    public static Optional<String> verifyOwnDevice(MatrixClient matrix, StateStore store, byte[] pickleKey, String userId,
            String deviceId) {
        return CrossSigning.signOwnDevice(matrix, new Working(store), pickleKey, userId, deviceId);
    }

    /**
     * Why the device that sent this command may not command the bot, as recorded when it was decrypted; the
     * refusal is audited.
     */
    public Optional<String> refusal(String eventId, String sender) {
        Optional<String> why = new Working(store).get(DISTRUST, eventId);
        why.ifPresent(reason -> store.audit(new AuditEntry(clock.instant(), sender, "encrypted command", "refused",
                eventId + ": " + reason)));
        return why;
    }

    /** The vault write that keeps a command's distrust with the command, in the batch's transaction. */
    public static VaultWrite distrustOf(String eventId, String why) {
        return VaultWrite.put(DISTRUST, eventId, why);
    }

    /**
     * An admin confirms that {@code user}'s changed cross-signing identity is theirs; audited.
     *
     * @return false when there was no change to confirm
     */
    public boolean acknowledgeIdentity(String user, String by) {
        lock.lock();
        try {
            return acknowledgeIdentity(store, clock, user, by);
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #acknowledgeIdentity(String, String)}, from the shell: on the state file, beside a running bot or not. */
    public static boolean acknowledgeIdentity(StateStore store, Clock clock, String user, String by) {
        Working vault = new Working(store);
        boolean changed = new Identities().acknowledge(user, vault);
        store.writeVault(vault.drain(), Durability.ON_DISK);
        store.audit(new AuditEntry(clock.instant(), by, "trust", changed ? "confirmed" : "nothing to confirm",
                "the encryption identity of " + user));
        return changed;
    }

    /** The device whose encryption identity the state file holds, if it holds one. */
    public static Optional<String> storedDevice(StateStore store) {
        return new Working(store).json(OwnDevice.KIND, OwnDevice.ID).map(record -> record.path("device_id").asText());
    }

    /** Commits what reading a batch changed, with the batch's position, in one transaction. */
    @FunctionalInterface
    public interface Commit<T> {
        T commit(SyncBatch plain, List<VaultWrite> writes, Durability durability);
    }

    /**
     * An encrypted event the bot could not read and has not yet told its sender about.
     *
     * @param content the event's content as sent: what is in the clear, such as the thread it was typed in
     */
    public record Unreadable(String roomId, String eventId, String sender, String why, JsonNode content) {
    }

    /**
     * Decrypts a batch: to-device messages (room keys over Olm), then the rooms' encrypted events, with those
     * still waiting for a key that arrived now. {@code commit} gets the batch with plain events in place of the
     * encrypted ones; what follows it (key requests, new one-time keys) happens after it returned.
     *
     * @param history the batch is the rooms' past (the first sync): what cannot be decrypted is not waited for
     */
    public <T> T read(SyncBatch batch, boolean history, Commit<T> commit) {
        lock.lock();
        try {
            Working vault = new Working(store);
            batch.toDevice().forEach(event -> onToDevice(event, vault));
            devices.markStale(batch.deviceLists().changed(), vault);
            devices.forget(batch.deviceLists().left(), vault);
            List<SyncBatch.RoomEvent> events = new ArrayList<>();
            for (SyncBatch.RoomEvent event : batch.events()) {
                onRoomEvent(event, history, vault).ifPresent(events::add);
            }
            events.addAll(resolvePending(vault));
            Durability durability = batch.toDevice().isEmpty() ? Durability.CRASH_SAFE : Durability.ON_DISK;
            T result = commit.commit(batch.withEvents(events), vault.drain(), durability);
            requestMissingKeys();
            keyForwarding.answer();
            olm.unwedge(devices, store);
            topUp(batch.oneTimeKeys());
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Events whose key did not come within the wait, or was withheld: their senders are to be told. */
    public List<Unreadable> unreadable() {
        List<Unreadable> overdue = new ArrayList<>();
        new Working(store).list(PENDING, "").forEach((eventId, json) -> {
            ObjectNode pending = Working.parse(json);
            boolean withheld = pending.hasNonNull("withheld");
            if (withheld || clock.millis() - pending.path("first_seen").asLong() >= keyWait.toMillis()) {
                overdue.add(new Unreadable(pending.path("room_id").asText(), eventId, pending.path("sender").asText(),
                        withheld ? pending.path("withheld").asText() : "its key did not arrive within "
                                + keyWait.toSeconds() + " s", pending.path("content")));
            }
        });
        return overdue;
    }

    /** The sender of an unreadable event has been told: the event is given up. */
    public void told(String eventId) {
        store.writeVault(List.of(VaultWrite.delete(PENDING, eventId)), Durability.CRASH_SAFE);
    }

    /** How long the next {@code /sync} may wait before a waiting event runs out of time. */
    public Duration untilNextDeadline(Duration longest) {
        long now = clock.millis();
        long soonest = longest.toMillis();
        for (String json : new Working(store).list(PENDING, "").values()) {
            soonest = Math.min(soonest, Math.max(0, Working.parse(json).path("first_seen").asLong() + keyWait.toMillis() - now));
        }
        return Duration.ofMillis(soonest);
    }

    /** Whether the room has turned on encryption; asked once, then known from the vault and from {@code /sync}. */
    boolean isEncrypted(String roomId) {
        Working vault = new Working(store);
        Optional<ObjectNode> known = vault.json(ROOM, roomId);
        if (known.isPresent()) {
            return known.get().path("encrypted").asBoolean();
        }
        Optional<JsonNode> state = matrix.roomState(roomId, "m.room.encryption");
        remember(roomId, state, vault);
        store.writeVault(vault.drain(), Durability.CRASH_SAFE);
        return state.isPresent();
    }

    /** The encrypted content for a room message, stored before it is returned; see {@link RoomSender}. */
    ObjectNode encrypt(String roomId, String eventType, String txnId, ObjectNode content) {
        lock.lock();
        try {
            JsonNode settings = new Working(store).json(ROOM, roomId).map(room -> room.path("content")).orElse(NODES.objectNode());
            return sender.encrypt(roomId, settings, eventType, txnId, content);
        } finally {
            lock.unlock();
        }
    }

    void sent(String txnId) {
        sender.sent(txnId);
    }

    private void onToDevice(SyncBatch.ToDevice event, Working vault) {
        switch (event.type()) {
            case "m.room.encrypted" -> olm.decrypt(event.sender(), event.content(), vault)
                    .ifPresent(plaintext -> onOlmPayload(event, plaintext, vault));
            case "m.room_key.withheld" -> withheld(event, vault);
            case "m.room_key_request" -> keyForwarding.take(event, vault);
            default -> log.debug("to-device {} from {} not handled", event.type(), event.sender());
        }
    }

    /** The spec's checks on a decrypted Olm payload, then what it carries. */
    private void onOlmPayload(SyncBatch.ToDevice event, byte[] plaintext, Working vault) {
        ObjectNode payload;
        try {
            payload = Working.parse(new String(plaintext, StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            reject(event.sender(), "an Olm message that is not JSON");
            return;
        }
        String senderKey = event.content().path("sender_key").asText();
        if (!payload.path("sender").asText().equals(event.sender()) || !payload.path("recipient").asText().equals(own.userId())
                || !payload.path("recipient_keys").path("ed25519").asText().equals(own.ed25519())) {
            reject(event.sender(), "an Olm message addressed to someone else or naming another sender");
            return;
        }
        Optional<Device> device = devices.withCurveKey(event.sender(), senderKey, vault);
        if (device.isEmpty() || !device.get().ed25519().equals(payload.path("keys").path("ed25519").asText())) {
            reject(event.sender(), "an Olm message from a key that is not one of the sender's devices");
            return;
        }
        switch (payload.path("type").asText()) {
            case "m.room_key" -> roomKeys.add(payload.path("content"), device.get(), vault);
            case "m.forwarded_room_key" -> reject(event.sender(), "a forwarded room key (taken only from the bot's own devices)");
            default -> log.debug("Olm {} from {} not handled", payload.path("type").asText(), event.sender());
        }
    }

    /**
     * Marks the events waiting for the session as given up, and keeps the notice ({@code withheld/<session>}) for
     * those not seen yet: to-device messages are read before the room events of the same batch.
     */
    private void withheld(SyncBatch.ToDevice event, Working vault) {
        String sessionId = event.content().path("session_id").asText();
        String why = "the sender's device withheld its key: "
                + event.content().path("reason").asText(event.content().path("code").asText("withheld"));
        vault.put(WITHHELD, sessionId, NODES.objectNode().put("sender", event.sender()).put("why", why));
        vault.list(PENDING, "").forEach((eventId, json) -> {
            ObjectNode pending = Working.parse(json);
            if (pending.path("session_id").asText().equals(sessionId) && pending.path("sender").asText().equals(event.sender())) {
                pending.put("withheld", why);
                vault.put(PENDING, eventId, pending);
            }
        });
    }

    private Optional<SyncBatch.RoomEvent> onRoomEvent(SyncBatch.RoomEvent event, boolean history, Working vault) {
        switch (event.type()) {
            case "m.room.encryption" -> {
                if (event.stateKey() != null) {
                    remember(event.roomId(), Optional.of(event.content()), vault);
                    RoomSender.rotate(event.roomId(), vault);
                }
                return Optional.of(event);
            }
            case "m.room.member" -> {
                String membership = event.content().path("membership").asText();
                if (!membership.equals("join") && !membership.equals("invite")) {
                    RoomSender.rotate(event.roomId(), vault);
                }
                return Optional.of(event);
            }
            case "m.room.encrypted" -> {
                return decrypt(event, history, vault);
            }
            default -> {
                return Optional.of(event);
            }
        }
    }

    private Optional<SyncBatch.RoomEvent> decrypt(SyncBatch.RoomEvent event, boolean history, Working vault) {
        if (event.sender().equals(own.userId())) {
            return Optional.empty();
        }
        RoomKeys.Opened opened = roomKeys.open(event.roomId(), event.eventId(), event.sender(), event.content(), vault);
        if (opened.event().isPresent()) {
            return Optional.of(plain(event, opened, vault));
        }
        switch (opened.failure().orElseThrow()) {
            case MISSING_KEY -> {
                if (!history) {
                    wait(event, Optional.empty(), vault);
                }
            }
            case UNDECRYPTABLE -> {
                if (!history) {
                    wait(event, Optional.of("it could not be decrypted with the key its session sent"), vault);
                }
            }
            case WRONG_SENDER -> reject(event.sender(), "event " + event.eventId() + " in " + event.roomId()
                    + " uses a Megolm session that this sender's devices did not share in this room");
            case REPLAY -> reject(event.sender(), "event " + event.eventId() + " in " + event.roomId()
                    + " replays a message index already decrypted for another event");
        }
        return Optional.empty();
    }

    /** Recorded like a command (invariant 5): the key request, the later decryption and the one answer survive restarts. */
    private void wait(SyncBatch.RoomEvent event, Optional<String> givenUp, Working vault) {
        if (vault.get(PENDING, event.eventId()).isPresent()) {
            return;
        }
        ObjectNode pending = NODES.objectNode().put("room_id", event.roomId()).put("sender", event.sender())
                .put("session_id", event.content().path("session_id").asText()).put("first_seen", clock.millis())
                .put("requested", false);
        pending.set("content", event.content());
        givenUp.or(() -> vault.json(WITHHELD, pending.path("session_id").asText())
                        .filter(notice -> notice.path("sender").asText().equals(event.sender()))
                        .map(notice -> notice.path("why").asText()))
                .ifPresent(why -> pending.put("withheld", why));
        vault.put(PENDING, event.eventId(), pending);
        log.info("event {} from {} waits for its Megolm key", event.eventId(), event.sender());
    }

    private List<SyncBatch.RoomEvent> resolvePending(Working vault) {
        List<SyncBatch.RoomEvent> resolved = new ArrayList<>();
        for (Map.Entry<String, String> entry : vault.list(PENDING, "").entrySet()) {
            ObjectNode pending = Working.parse(entry.getValue());
            if (pending.hasNonNull("withheld") || !roomKeys.has(pending.path("session_id").asText(), vault)) {
                continue;
            }
            SyncBatch.RoomEvent event = new SyncBatch.RoomEvent(pending.path("room_id").asText(), entry.getKey(),
                    "m.room.encrypted", pending.path("sender").asText(), null, pending.path("content"));
            vault.delete(PENDING, entry.getKey());
            RoomKeys.Opened opened = roomKeys.open(event.roomId(), event.eventId(), event.sender(), event.content(), vault);
            if (opened.event().isPresent()) {
                log.info("event {} decrypted now that its key arrived", entry.getKey());
                resolved.add(plain(event, opened, vault));
            } else {
                reject(event.sender(), "event " + event.eventId() + " could not be decrypted with the key that arrived for it ("
                        + opened.failure().orElseThrow() + ")");
            }
        }
        return resolved;
    }

    /** The decrypted event; a relation sent in the clear only (as Element sends threads and replies) is taken from there. */
    private SyncBatch.RoomEvent plain(SyncBatch.RoomEvent encrypted, RoomKeys.Opened opened, Working vault) {
        ObjectNode decrypted = opened.event().orElseThrow();
        ObjectNode content = (ObjectNode) decrypted.path("content");
        if (!content.has("m.relates_to") && encrypted.content().has("m.relates_to")) {
            content.set("m.relates_to", encrypted.content().get("m.relates_to").deepCopy());
        }
        return new SyncBatch.RoomEvent(encrypted.roomId(), encrypted.eventId(), decrypted.path("type").asText(),
                encrypted.sender(), null, content, trust.distrust(encrypted.sender(), opened.deviceId(), vault));
    }

    /** Asks the sender's devices for keys not yet asked for ({@code m.room_key_request}), once per event. */
    private void requestMissingKeys() {
        Working vault = new Working(store);
        vault.list(PENDING, "").forEach((eventId, json) -> {
            ObjectNode pending = Working.parse(json);
            if (pending.path("requested").asBoolean() || pending.hasNonNull("withheld")) {
                return;
            }
            ObjectNode request = NODES.objectNode().put("action", "request").put("request_id", TxnIds.of(eventId, "key-request"))
                    .put("requesting_device_id", own.deviceId());
            request.putObject("body").put("algorithm", OwnDevice.MEGOLM).put("room_id", pending.path("room_id").asText())
                    .put("session_id", pending.path("session_id").asText())
                    .put("sender_key", pending.path("content").path("sender_key").asText());
            ObjectNode messages = NODES.objectNode();
            messages.putObject(pending.path("sender").asText()).set("*", request);
            try {
                matrix.sendToDevice("m.room_key_request", TxnIds.of(eventId, "key-request"), messages);
                pending.put("requested", true);
                vault.put(PENDING, eventId, pending);
            } catch (RuntimeException e) {
                log.warn("could not ask {} for the key of {}: {}", pending.path("sender").asText(), eventId, e.getMessage());
            }
        });
        store.writeVault(vault.drain(), Durability.CRASH_SAFE);
    }

    private void topUp(SyncBatch.OneTimeKeys onServer) {
        boolean fallbackUsed = onServer.unusedFallbackTypes().map(types -> !types.contains(OwnDevice.SIGNED_CURVE25519))
                .orElse(false);
        Working vault = new Working(store);
        own.topUp(OwnDevice.signedCurveCount(onServer.counts()), fallbackUsed, clock.millis(), vault);
        if (!vault.isEmpty()) {
            store.writeVault(vault.drain(), Durability.ON_DISK);
            publish();
        }
    }

    /** Uploads what the account has not published; the keys are on disk before the server hands any out. */
    private void publish() {
        Working vault = new Working(store);
        if (!own.hasUnpublished(vault)) {
            return;
        }
        try {
            JsonNode counts = matrix.uploadKeys(own.uploadBody(vault));
            own.published(vault);
            store.writeVault(vault.drain(), Durability.CRASH_SAFE);
            log.info("published the device's keys; the homeserver holds {} one-time key(s)",
                    counts.path(OwnDevice.SIGNED_CURVE25519).asInt());
        } catch (RuntimeException e) {
            log.warn("could not publish the device's keys ({}); trying again after the next sync", e.getMessage());
        }
    }

    private void remember(String roomId, Optional<JsonNode> encryption, Working vault) {
        ObjectNode room = NODES.objectNode().put("encrypted", encryption.isPresent());
        encryption.ifPresent(content -> room.set("content", content));
        vault.put(ROOM, roomId, room);
    }

    private void reject(String sender, String what) {
        log.warn("rejected {} from {}", what, sender);
        store.audit(new AuditEntry(clock.instant(), sender, "decrypt", "rejected", what));
    }
}
