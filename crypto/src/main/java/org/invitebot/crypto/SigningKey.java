package org.invitebot.crypto;

/**
 * An Ed25519 key that belongs to no Olm account: cross-signing's master, self-signing and user-signing
 * keys (libolm's {@code PkSigning}). Signatures verify with {@link Account#verify}.
 */
public final class SigningKey {

    private static final String PICKLE_TYPE = "signing-key";
    private static final int PICKLE_VERSION = 1;

    private final Ed25519KeyPair pair;

    private SigningKey(Ed25519KeyPair pair) {
        this.pair = pair;
    }

    public static SigningKey generate() {
        return new SigningKey(Ed25519KeyPair.generate());
    }

    /** The public key, unpadded base64 as Matrix writes it. */
    public String publicKey() {
        return Bytes.base64(pair.publicKey());
    }

    /** The signature of {@code message}, unpadded base64. */
    public String sign(byte[] message) {
        return Bytes.base64(pair.sign(message));
    }

    public String pickle(byte[] key) {
        return new Pickle.Writer(PICKLE_TYPE, PICKLE_VERSION).bytes(pair.seed()).bytes(pair.publicKey()).seal(key);
    }

    public static SigningKey unpickle(String pickled, byte[] key) throws OlmException {
        Pickle.Reader in = Pickle.Reader.open(pickled, key, PICKLE_TYPE);
        if (in.version() != PICKLE_VERSION) {
            throw new OlmException(OlmException.Reason.BAD_PICKLE, "unknown signing key pickle version");
        }
        return new SigningKey(Ed25519KeyPair.of(in.bytes(), in.bytes()));
    }

    @Override
    public String toString() {
        return "SigningKey[" + publicKey() + "]";
    }
}
