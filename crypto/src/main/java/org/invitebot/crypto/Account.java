package org.invitebot.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A device's Olm account: its identity keys (Curve25519 for agreement, Ed25519 for signatures), its one-time
 * keys and its fallback key (the current one and the one before, which messages already under way may still
 * use). One-time keys are removed when a session starts on them; fallback keys are not.
 */
public final class Account {

    /** One-time keys held at most, as vodozemac (libolm: 100); beyond it the oldest is dropped. */
    public static final int MAX_ONE_TIME_KEYS = 50;
    private static final String PICKLE_TYPE = "olm-account";
    private static final int PICKLE_VERSION = 1;

    private static final class OneTimeKey {
        final int id;
        final Curve25519KeyPair pair;
        boolean published;

        OneTimeKey(int id, Curve25519KeyPair pair, boolean published) {
            this.id = id;
            this.pair = pair;
            this.published = published;
        }
    }

    private final Curve25519KeyPair identityKey;
    private final Ed25519KeyPair signingKey;
    private final Map<Integer, OneTimeKey> oneTimeKeys = new LinkedHashMap<>();
    private OneTimeKey fallbackKey;
    private OneTimeKey previousFallbackKey;
    private int nextKeyId;

    private Account(Curve25519KeyPair identityKey, Ed25519KeyPair signingKey) {
        this.identityKey = identityKey;
        this.signingKey = signingKey;
    }

    public static Account create() {
        return new Account(Curve25519KeyPair.generate(), Ed25519KeyPair.generate());
    }

    public String curve25519Key() {
        return Bytes.base64(identityKey.publicKey());
    }

    public String ed25519Key() {
        return Bytes.base64(signingKey.publicKey());
    }

    public String sign(byte[] message) {
        return Bytes.base64(signingKey.sign(message));
    }

    /** Whether {@code signature} (base64) is {@code ed25519Key}'s signature of {@code message}; false for anything malformed. */
    public static boolean verify(String ed25519Key, byte[] message, String signature) {
        try {
            return Ed25519KeyPair.verify(Bytes.unbase64(ed25519Key), message, Bytes.unbase64(signature));
        } catch (OlmException e) {
            return false;
        }
    }

    public void generateOneTimeKeys(int count) {
        for (int i = 0; i < count; i++) {
            int id = ++nextKeyId;
            oneTimeKeys.put(id, new OneTimeKey(id, Curve25519KeyPair.generate(), false));
        }
        while (oneTimeKeys.size() > MAX_ONE_TIME_KEYS) {
            oneTimeKeys.remove(oneTimeKeys.keySet().iterator().next());
        }
    }

    /** Key ID → public key, both base64, for the keys not yet published. */
    public Map<String, String> unpublishedOneTimeKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        oneTimeKeys.values().stream().filter(key -> !key.published)
                .forEach(key -> keys.put(keyId(key.id), Bytes.base64(key.pair.publicKey())));
        return keys;
    }

    /** A new fallback key; the current one becomes the previous, the previous is forgotten. */
    public void generateFallbackKey() {
        previousFallbackKey = fallbackKey;
        fallbackKey = new OneTimeKey(++nextKeyId, Curve25519KeyPair.generate(), false);
    }

    public Map<String, String> unpublishedFallbackKey() {
        return fallbackKey == null || fallbackKey.published ? Map.of()
                : Map.of(keyId(fallbackKey.id), Bytes.base64(fallbackKey.pair.publicKey()));
    }

    /** The previous fallback key is no longer needed (an hour after the current one was first used, say). */
    public void forgetOldFallbackKey() {
        previousFallbackKey = null;
    }

    public void markKeysAsPublished() {
        oneTimeKeys.values().forEach(key -> key.published = true);
        if (fallbackKey != null) {
            fallbackKey.published = true;
        }
    }

    /** Alice's side: a session to {@code theirIdentityKey}, on one of their one-time keys (both base64). */
    public Session createOutboundSession(String theirIdentityKey, String theirOneTimeKey) {
        try {
            byte[] identity = Bytes.unbase64(theirIdentityKey);
            byte[] oneTime = Bytes.unbase64(theirOneTimeKey);
            Curve25519KeyPair baseKey = Curve25519KeyPair.generate();
            byte[] secret = Bytes.concat(identityKey.agree(oneTime), baseKey.agree(identity), baseKey.agree(oneTime));
            Session session = new Session(Ratchet.alice(secret, Curve25519KeyPair.generate()), identityKey.publicKey(),
                    baseKey.publicKey(), oneTime, false);
            Arrays.fill(secret, (byte) 0);
            baseKey.clear();
            return session;
        } catch (OlmException e) {
            throw new IllegalArgumentException("their identity or one-time key is not a Curve25519 key", e);
        }
    }

    /**
     * Bob's side: the session a pre-key message starts, if its first message decrypts; only then is the
     * one-time key it used removed (a fallback key stays).
     */
    public InboundCreation createInboundSession(String theirIdentityKey, OlmMessage preKeyMessage) throws OlmException {
        PreKeyMessage message = PreKeyMessage.of(preKeyMessage);
        if (!Arrays.equals(message.identityKey(), Bytes.unbase64(theirIdentityKey))) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "the pre-key message names another identity key");
        }
        OneTimeKey used = find(message.oneTimeKey()).orElseThrow(() -> new OlmException(
                OlmException.Reason.MISSING_ONE_TIME_KEY, "the message uses a one-time key this account does not hold"));
        byte[] secret = Bytes.concat(used.pair.agree(message.identityKey()), identityKey.agree(message.baseKey()),
                used.pair.agree(message.baseKey()));
        Session session = new Session(Ratchet.bob(secret, Ratchet.ratchetKeyOf(message.message())), message.identityKey(),
                message.baseKey(), message.oneTimeKey(), true);
        Arrays.fill(secret, (byte) 0);
        byte[] plaintext = session.decrypt(preKeyMessage);
        oneTimeKeys.remove(used.id);
        return new InboundCreation(session, plaintext);
    }

    private Optional<OneTimeKey> find(byte[] publicKey) {
        return Stream.concat(oneTimeKeys.values().stream(),
                        Stream.of(fallbackKey, previousFallbackKey).filter(Objects::nonNull))
                .filter(key -> Arrays.equals(key.pair.publicKey(), publicKey))
                .findFirst();
    }

    /** libolm's form: the key counter as 4 big-endian bytes in base64. */
    private static String keyId(int id) {
        return Bytes.base64(ByteBuffer.allocate(4).putInt(id).array());
    }

    public String pickle(byte[] key) {
        Pickle.Writer out = new Pickle.Writer(PICKLE_TYPE, PICKLE_VERSION)
                .bytes(identityKey.privateKey()).bytes(identityKey.publicKey())
                .bytes(signingKey.seed()).bytes(signingKey.publicKey())
                .integer(nextKeyId).integer(oneTimeKeys.size());
        oneTimeKeys.values().forEach(oneTime -> write(out, oneTime));
        out.bool(fallbackKey != null);
        if (fallbackKey != null) {
            write(out, fallbackKey);
        }
        out.bool(previousFallbackKey != null);
        if (previousFallbackKey != null) {
            write(out, previousFallbackKey);
        }
        return out.seal(key);
    }

    public static Account unpickle(String pickled, byte[] key) throws OlmException {
        Pickle.Reader in = Pickle.Reader.open(pickled, key, PICKLE_TYPE);
        if (in.version() != PICKLE_VERSION) {
            throw new OlmException(OlmException.Reason.BAD_PICKLE, "unknown account pickle version");
        }
        Account account = new Account(Curve25519KeyPair.of(in.bytes(), in.bytes()), Ed25519KeyPair.of(in.bytes(), in.bytes()));
        account.nextKeyId = (int) in.integer();
        long count = in.integer();
        for (long i = 0; i < count; i++) {
            OneTimeKey oneTime = read(in);
            account.oneTimeKeys.put(oneTime.id, oneTime);
        }
        if (in.bool()) {
            account.fallbackKey = read(in);
        }
        if (in.bool()) {
            account.previousFallbackKey = read(in);
        }
        return account;
    }

    private static void write(Pickle.Writer out, OneTimeKey key) {
        out.integer(key.id).bytes(key.pair.privateKey()).bytes(key.pair.publicKey()).bool(key.published);
    }

    private static OneTimeKey read(Pickle.Reader in) throws OlmException {
        int id = (int) in.integer();
        return new OneTimeKey(id, Curve25519KeyPair.of(in.bytes(), in.bytes()), in.bool());
    }

    @Override
    public String toString() {
        return "Account[" + curve25519Key() + ", " + oneTimeKeys.size() + " one-time key(s)]";
    }
}
