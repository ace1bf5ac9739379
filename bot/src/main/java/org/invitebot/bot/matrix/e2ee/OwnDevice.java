package org.invitebot.bot.matrix.e2ee;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.crypto.Account;
import org.invitebot.crypto.OlmException;

/**
 * The bot's device: the Olm account of the device its access token belongs to, sealed in the vault
 * ({@code account/own}), and the keys it publishes. Keys are stored before they are uploaded, so no
 * one-time key the server hands out is one the bot does not hold.
 */
final class OwnDevice {

    static final String KIND = "account";
    static final String ID = "own";
    static final String OLM = "m.olm.v1.curve25519-aes-sha2";
    static final String MEGOLM = "m.megolm.v1.aes-sha2";
    static final String SIGNED_CURVE25519 = "signed_curve25519";
    /** As vodozemac and matrix-rust-sdk keep it. */
    static final Duration PREVIOUS_FALLBACK_KEPT = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(OwnDevice.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MatrixClient matrix;
    private final String userId;
    private final byte[] pickleKey;
    private String deviceId;
    private String curve25519;
    private String ed25519;

    OwnDevice(MatrixClient matrix, String userId, byte[] pickleKey) {
        this.matrix = matrix;
        this.userId = userId;
        this.pickleKey = pickleKey;
    }

    /**
     * Takes up the stored account of {@code deviceId}, or starts a fresh identity for it, and publishes what the
     * server does not have yet.
     */
    void start(String deviceId, Working vault) {
        this.deviceId = deviceId;
        Optional<ObjectNode> stored = vault.json(KIND, ID);
        Account account;
        if (stored.isPresent() && stored.get().path("device_id").asText().equals(deviceId)) {
            account = account(vault);
        } else {
            stored.ifPresent(old -> log.warn("the Matrix access token now belongs to device {}, not {}: starting a fresh"
                    + " encryption identity for it", deviceId, old.path("device_id").asText()));
            account = Account.create();
            account.generateOneTimeKeys(Account.MAX_ONE_TIME_KEYS / 2);
            account.generateFallbackKey();
            ObjectNode record = NODES.objectNode().put("device_id", deviceId).put("device_keys_uploaded", false);
            record.put("pickle", account.pickle(pickleKey));
            vault.put(KIND, ID, record);
        }
        this.curve25519 = account.curve25519Key();
        this.ed25519 = account.ed25519Key();
    }

    String deviceId() {
        return deviceId;
    }

    String userId() {
        return userId;
    }

    String curve25519() {
        return curve25519;
    }

    String ed25519() {
        return ed25519;
    }

    Account account(Working vault) {
        ObjectNode record = vault.json(KIND, ID).orElseThrow(() -> new IllegalStateException("no account stored"));
        try {
            return Account.unpickle(record.path("pickle").asText(), pickleKey);
        } catch (OlmException e) {
            throw new IllegalStateException("cannot open the bot's encryption account (" + e.reason() + "): is"
                    + " matrix.encryption.pickle_key the key it was sealed with?", e);
        }
    }

    void save(Account account, Working vault) {
        ObjectNode record = vault.json(KIND, ID).orElseThrow();
        record.put("pickle", account.pickle(pickleKey));
        vault.put(KIND, ID, record);
    }

    /** Whether there is anything to publish: device keys never uploaded, or unpublished one-time or fallback keys. */
    boolean hasUnpublished(Working vault) {
        Account account = account(vault);
        return !vault.json(KIND, ID).orElseThrow().path("device_keys_uploaded").asBoolean()
                || !account.unpublishedOneTimeKeys().isEmpty() || !account.unpublishedFallbackKey().isEmpty();
    }

    /**
     * One-time keys below half the account's maximum on the server: make new ones (stored, then published). A used
     * fallback key is replaced; the one before it is kept for {@link #PREVIOUS_FALLBACK_KEPT}, for pre-key messages
     * already under way, then forgotten.
     */
    void topUp(int onServer, boolean fallbackUsed, long now, Working vault) {
        ObjectNode record = vault.json(KIND, ID).orElseThrow();
        if (record.has("fallback_replaced_at") && now - record.path("fallback_replaced_at").asLong() >= PREVIOUS_FALLBACK_KEPT.toMillis()) {
            Account account = account(vault);
            account.forgetOldFallbackKey();
            save(account, vault);
            ObjectNode saved = vault.json(KIND, ID).orElseThrow();
            saved.remove("fallback_replaced_at");
            vault.put(KIND, ID, saved);
        }
        if (onServer >= Account.MAX_ONE_TIME_KEYS / 2 && !fallbackUsed) {
            return;
        }
        Account account = account(vault);
        int wanted = Account.MAX_ONE_TIME_KEYS / 2 - onServer - account.unpublishedOneTimeKeys().size();
        if (wanted > 0) {
            account.generateOneTimeKeys(wanted);
        }
        boolean replaceFallback = fallbackUsed && account.unpublishedFallbackKey().isEmpty();
        if (replaceFallback) {
            account.generateFallbackKey();
        }
        if (wanted > 0 || fallbackUsed) {
            save(account, vault);
        }
        if (replaceFallback) {
            ObjectNode saved = vault.json(KIND, ID).orElseThrow();
            saved.put("fallback_replaced_at", now);
            vault.put(KIND, ID, saved);
        }
    }

    /** The {@code /keys/upload} body for what is unpublished; {@link #published} after the server took it. */
    ObjectNode uploadBody(Working vault) {
        Account account = account(vault);
        ObjectNode body = NODES.objectNode();
        if (!vault.json(KIND, ID).orElseThrow().path("device_keys_uploaded").asBoolean()) {
            body.set("device_keys", deviceKeys(account));
        }
        ObjectNode oneTime = body.putObject("one_time_keys");
        account.unpublishedOneTimeKeys().forEach((id, key) -> oneTime.set(SIGNED_CURVE25519 + ":" + id, signedKey(account, key, false)));
        ObjectNode fallback = body.putObject("fallback_keys");
        account.unpublishedFallbackKey().forEach((id, key) -> fallback.set(SIGNED_CURVE25519 + ":" + id, signedKey(account, key, true)));
        return body;
    }

    void published(Working vault) {
        Account account = account(vault);
        account.markKeysAsPublished();
        save(account, vault);
        ObjectNode record = vault.json(KIND, ID).orElseThrow();
        record.put("device_keys_uploaded", true);
        vault.put(KIND, ID, record);
    }

    /** The device keys as uploaded, signed by the device. */
    ObjectNode deviceKeys(Working vault) {
        return deviceKeys(account(vault));
    }

    private ObjectNode deviceKeys(Account account) {
        ObjectNode keys = NODES.objectNode().put("user_id", userId).put("device_id", deviceId);
        keys.putArray("algorithms").add(OLM).add(MEGOLM);
        keys.putObject("keys").put("curve25519:" + deviceId, account.curve25519Key()).put("ed25519:" + deviceId, account.ed25519Key());
        sign(account, keys);
        return keys;
    }

    private ObjectNode signedKey(Account account, String key, boolean fallback) {
        ObjectNode signed = NODES.objectNode().put("key", key);
        if (fallback) {
            signed.put("fallback", true);
        }
        sign(account, signed);
        return signed;
    }

    private void sign(Account account, ObjectNode object) {
        String signature = account.sign(CanonicalJson.forSigning(object));
        object.putObject("signatures").putObject(userId).put("ed25519:" + deviceId, signature);
    }

    /** {@code one_time_key_counts} of an upload answer, for the signed Curve25519 keys. */
    static int signedCurveCount(Map<String, Integer> counts) {
        return counts.getOrDefault(SIGNED_CURVE25519, 0);
    }
}
