package org.invitebot.crypto;

import java.nio.ByteBuffer;

/**
 * The sending side of a Megolm session: a ratchet and an Ed25519 key pair whose public key is the session ID.
 * Every message advances the ratchet; the caller stores the session after each encryption, before the
 * message leaves, so no index is used twice.
 */
public final class OutboundGroupSession {

    private static final String PICKLE_TYPE = "megolm-outbound";
    private static final int PICKLE_VERSION = 1;
    private static final byte SESSION_KEY_VERSION = 2;

    private final MegolmRatchet ratchet;
    private final Ed25519KeyPair signingKey;

    private OutboundGroupSession(MegolmRatchet ratchet, Ed25519KeyPair signingKey) {
        this.ratchet = ratchet;
        this.signingKey = signingKey;
    }

    public static OutboundGroupSession create() {
        return new OutboundGroupSession(MegolmRatchet.random(), Ed25519KeyPair.generate());
    }

    public String sessionId() {
        return Bytes.base64(signingKey.publicKey());
    }

    public int messageIndex() {
        return (int) ratchet.index();
    }

    /** The signed session-sharing format (version 2) at the current index, for {@code m.room_key}. */
    public String sessionKey() {
        byte[] unsigned = Bytes.concat(new byte[] {SESSION_KEY_VERSION},
                ByteBuffer.allocate(4).putInt((int) ratchet.index()).array(), ratchet.value(), signingKey.publicKey());
        return Bytes.base64(Bytes.concat(unsigned, signingKey.sign(unsigned)));
    }

    public String encrypt(byte[] plaintext) {
        MessageCipher cipher = new MessageCipher(ratchet.value(), MessageCipher.MEGOLM_KEYS);
        byte[] authenticated = MegolmMessage.payload(ratchet.index(), cipher.encrypt(plaintext));
        byte[] withMac = Bytes.concat(authenticated, cipher.mac(authenticated));
        ratchet.advance();
        return Bytes.base64(Bytes.concat(withMac, signingKey.sign(withMac)));
    }

    public String pickle(byte[] key) {
        return new Pickle.Writer(PICKLE_TYPE, PICKLE_VERSION).bytes(ratchet.value()).integer(ratchet.index())
                .bytes(signingKey.seed()).bytes(signingKey.publicKey()).seal(key);
    }

    public static OutboundGroupSession unpickle(String pickled, byte[] key) throws OlmException {
        Pickle.Reader in = Pickle.Reader.open(pickled, key, PICKLE_TYPE);
        if (in.version() != PICKLE_VERSION) {
            throw new OlmException(OlmException.Reason.BAD_PICKLE, "unknown outbound group session pickle version");
        }
        MegolmRatchet ratchet = new MegolmRatchet(in.bytes(), in.integer());
        return new OutboundGroupSession(ratchet, Ed25519KeyPair.of(in.bytes(), in.bytes()));
    }

    @Override
    public String toString() {
        return "OutboundGroupSession[" + sessionId() + " at " + ratchet.index() + "]";
    }
}
