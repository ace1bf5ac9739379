package org.invitebot.bot.matrix.e2ee;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.invitebot.crypto.Account;

/**
 * A user's cross-signing keys as {@code /keys/query} shows them, as far as their signatures hold: the master key,
 * and the self-signing key only when the master key signed it. A device the self-signing key signed is one its
 * owner verified.
 */
record UserIdentity(String userId, Optional<String> master, Optional<String> selfSigning) {

    /** From a {@code /keys/query} answer. */
    static UserIdentity of(String userId, JsonNode answer) {
        Optional<String> master = key(userId, answer.path("master_keys").path(userId), "master");
        JsonNode selfSigningKey = answer.path("self_signing_keys").path(userId);
        Optional<String> selfSigning = master.flatMap(signer -> key(userId, selfSigningKey, "self_signing")
                .filter(key -> signedBy(userId, signer, selfSigningKey)));
        return new UserIdentity(userId, master, selfSigning);
    }

    /** Whether the device keys carry a valid signature of the self-signing key. */
    boolean signs(JsonNode deviceKeys) {
        return selfSigning.filter(key -> signedBy(userId, key, deviceKeys)).isPresent();
    }

    /** A key object's single Ed25519 key, if it names the user and the usage. */
    private static Optional<String> key(String userId, JsonNode keyObject, String usage) {
        if (!keyObject.path("user_id").asText().equals(userId)) {
            return Optional.empty();
        }
        boolean hasUsage = false;
        for (JsonNode each : keyObject.path("usage")) {
            hasUsage |= each.asText().equals(usage);
        }
        Iterator<Map.Entry<String, JsonNode>> keys = keyObject.path("keys").fields();
        if (!hasUsage || !keys.hasNext()) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> only = keys.next();
        String value = only.getValue().asText();
        return !keys.hasNext() && only.getKey().equals("ed25519:" + value) ? Optional.of(value) : Optional.empty();
    }

    private static boolean signedBy(String userId, String signer, JsonNode signed) {
        String signature = signed.path("signatures").path(userId).path("ed25519:" + signer).asText("");
        return !signature.isEmpty() && Account.verify(signer, CanonicalJson.forSigning(signed), signature);
    }
}
