package org.invitebot.bot.matrix.e2ee;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.bot.matrix.MatrixException;
import org.invitebot.core.config.Secret;
import org.invitebot.crypto.Account;
import org.invitebot.crypto.OlmException;
import org.invitebot.crypto.SigningKey;

/**
 * The bot's cross-signing keys: a master key, a self-signing key that signs the bot's device so that its owner's
 * clients show it as verified, and a user-signing key, sealed in the vault ({@code cross-signing/own}). They are
 * on disk before they are uploaded, so a crash in between uploads the same keys at the next start (the upload is
 * idempotent); keys the homeserver holds that are not these are replaced only with the account's password.
 */
final class CrossSigning {

    static final String KIND = "cross-signing";
    static final String ID = "own";
    private static final Logger log = LoggerFactory.getLogger(CrossSigning.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MatrixClient matrix;
    private final OwnDevice own;
    private final byte[] pickleKey;
    private final Optional<Secret> password;

    CrossSigning(MatrixClient matrix, OwnDevice own, byte[] pickleKey, Optional<Secret> password) {
        this.matrix = matrix;
        this.own = own;
        this.pickleKey = pickleKey;
        this.password = password;
    }

    /** Creates the three keys on the first start; the caller writes them to disk before {@link #publish}. */
    void ensureKeys(Working vault) {
        if (vault.get(KIND, ID).isPresent()) {
            return;
        }
        ObjectNode record = NODES.objectNode();
        ObjectNode publicKeys = record.putObject("public");
        for (String usage : new String[] {"master", "self_signing", "user_signing"}) {
            SigningKey key = SigningKey.generate();
            record.put(usage, key.pickle(pickleKey));
            publicKeys.put(usage, key.publicKey());
        }
        vault.put(KIND, ID, record);
        log.info("created cross-signing keys for {}", own.userId());
    }

    /** Uploads the keys unless the homeserver holds them already, then signs the bot's device with them. */
    CrossSigningStatus publish(Working vault) {
        CrossSigningStatus status = status(vault);
        if (!status.keysMatch()) {
            try {
                matrix.uploadCrossSigningKeys(own.userId(), uploadBody(vault), password);
                log.info("published the bot's cross-signing keys");
            } catch (MatrixException e) {
                if (e.status() != 401) {
                    throw e;
                }
                log.warn("the homeserver holds other cross-signing keys for {} and asks for the account's password to replace"
                        + " them: set matrix.password (or password_file) for one start{}", own.userId(),
                        password.isPresent() ? "; the password given was refused" : "");
                return status;
            }
        }
        if (!status.deviceSigned()) {
            JsonNode failures = matrix.uploadSignatures(deviceSignature(vault));
            if (!failures.isEmpty()) {
                log.warn("the homeserver did not take the signature on the bot's device: {}", failures);
            }
        }
        return status(vault);
    }

    CrossSigningStatus status(Working vault) {
        return status(matrix, vault, own.userId(), own.deviceId());
    }

    /** The homeserver's view of the bot's cross-signing, against the stored public keys. */
    static CrossSigningStatus status(MatrixClient matrix, Working vault, String userId, String deviceId) {
        JsonNode stored = vault.json(KIND, ID).map(record -> record.path("public")).orElse(NODES.objectNode());
        JsonNode answer = matrix.queryKeys(List.of(userId));
        UserIdentity onServer = UserIdentity.of(userId, answer);
        boolean match = stored.has("master") && onServer.master().equals(Optional.of(stored.path("master").asText()))
                && onServer.selfSigning().equals(Optional.of(stored.path("self_signing").asText()));
        boolean signed = match && onServer.signs(answer.path("device_keys").path(userId).path(deviceId));
        return new CrossSigningStatus(stored.has("master"), onServer.master().isPresent(), match, signed);
    }

    private ObjectNode uploadBody(Working vault) {
        SigningKey master = key(vault, pickleKey, "master");
        ObjectNode body = NODES.objectNode();
        ObjectNode masterKey = keyObject("master", master);
        Account device = own.account(vault);
        signWith(masterKey, "ed25519:" + own.deviceId(), device.sign(CanonicalJson.forSigning(masterKey)));
        body.set("master_key", masterKey);
        for (String usage : new String[] {"self_signing", "user_signing"}) {
            ObjectNode signed = keyObject(usage, key(vault, pickleKey, usage));
            signWith(signed, "ed25519:" + master.publicKey(), master.sign(CanonicalJson.forSigning(signed)));
            body.set(usage + "_key", signed);
        }
        return body;
    }

    private ObjectNode deviceSignature(Working vault) {
        return deviceSignature(own.deviceKeys(vault), key(vault, pickleKey, "self_signing"), own.userId());
    }

    /** The {@code /keys/signatures/upload} body that signs a device of {@code userId} with the self-signing key. */
    private static ObjectNode deviceSignature(ObjectNode deviceKeys, SigningKey selfSigning, String userId) {
        ObjectNode signed = deviceKeys.deepCopy();
        signed.remove("signatures");
        signed.remove("unsigned");
        signed.putObject("signatures").putObject(userId).put("ed25519:" + selfSigning.publicKey(),
                selfSigning.sign(CanonicalJson.forSigning(signed)));
        ObjectNode body = NODES.objectNode();
        body.putObject(userId).set(signed.path("device_id").asText(), signed);
        return body;
    }

    /**
     * The operator vouches for another device of the bot's account: it is signed with the bot's self-signing key,
     * after its keys are checked to be signed by themselves.
     *
     * @return why it was not signed, or empty when it is
     */
    static Optional<String> signOwnDevice(MatrixClient matrix, Working vault, byte[] pickleKey, String userId, String deviceId) {
        if (vault.get(KIND, ID).isEmpty()) {
            return Optional.of("the state file holds no cross-signing keys yet: start the bot once first");
        }
        JsonNode keys = matrix.queryKeys(List.of(userId)).path("device_keys").path(userId).path(deviceId);
        if (keys.isMissingNode() || Devices.verified(userId, deviceId, keys).isEmpty()) {
            return Optional.of("the homeserver lists no valid device keys for device " + deviceId + " of " + userId);
        }
        JsonNode failures = matrix.uploadSignatures(deviceSignature((ObjectNode) keys, key(vault, pickleKey, "self_signing"), userId));
        return failures.isEmpty() ? Optional.empty() : Optional.of("the homeserver refused the signature: " + failures);
    }

    private ObjectNode keyObject(String usage, SigningKey key) {
        ObjectNode object = NODES.objectNode().put("user_id", own.userId());
        object.putArray("usage").add(usage);
        object.putObject("keys").put("ed25519:" + key.publicKey(), key.publicKey());
        return object;
    }

    private void signWith(ObjectNode object, String keyId, String signature) {
        object.withObjectProperty("signatures").withObjectProperty(own.userId()).put(keyId, signature);
    }

    private static SigningKey key(Working vault, byte[] pickleKey, String usage) {
        ObjectNode record = vault.json(KIND, ID).orElseThrow(() -> new IllegalStateException("no cross-signing keys stored"));
        try {
            return SigningKey.unpickle(record.path(usage).asText(), pickleKey);
        } catch (OlmException e) {
            throw new IllegalStateException("cannot open the bot's cross-signing keys (" + e.reason() + ")", e);
        }
    }
}
