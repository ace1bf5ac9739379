package org.invitebot.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * An Olm session with one other device. It sends pre-key messages until it has decrypted one from the
 * other side; its ID is libolm's: SHA-256 over Alice's identity key, her base key and Bob's one-time key.
 */
public final class Session {

    private static final String PICKLE_TYPE = "olm-session";
    private static final int PICKLE_VERSION = 1;

    private final Ratchet ratchet;
    private final byte[] aliceIdentityKey;
    private final byte[] aliceBaseKey;
    private final byte[] bobOneTimeKey;
    private boolean receivedMessage;

    Session(Ratchet ratchet, byte[] aliceIdentityKey, byte[] aliceBaseKey, byte[] bobOneTimeKey, boolean receivedMessage) {
        this.ratchet = ratchet;
        this.aliceIdentityKey = aliceIdentityKey;
        this.aliceBaseKey = aliceBaseKey;
        this.bobOneTimeKey = bobOneTimeKey;
        this.receivedMessage = receivedMessage;
    }

    public String sessionId() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(aliceIdentityKey);
            sha.update(aliceBaseKey);
            sha.update(bobOneTimeKey);
            return Bytes.base64(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public OlmMessage encrypt(byte[] plaintext) {
        try {
            byte[] normal = ratchet.encrypt(plaintext);
            if (receivedMessage) {
                return new OlmMessage(OlmMessage.NORMAL, Bytes.base64(normal));
            }
            return new OlmMessage(OlmMessage.PRE_KEY,
                    Bytes.base64(new PreKeyMessage(bobOneTimeKey, aliceBaseKey, aliceIdentityKey, normal).encode()));
        } catch (OlmException e) {
            throw new IllegalStateException("the session's own ratchet key could not be used", e);
        }
    }

    public byte[] decrypt(OlmMessage message) throws OlmException {
        byte[] normal;
        if (message.type() == OlmMessage.PRE_KEY) {
            PreKeyMessage preKey = PreKeyMessage.of(message);
            if (!matches(preKey)) {
                throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "the pre-key message is for another session");
            }
            normal = preKey.message();
        } else if (message.type() == OlmMessage.NORMAL) {
            normal = Bytes.unbase64(message.body());
        } else {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "message type " + message.type());
        }
        byte[] plaintext = ratchet.decrypt(normal);
        receivedMessage = true;
        return plaintext;
    }

    /** Whether a pre-key message belongs to this session (a sender repeats them until it hears back). */
    public boolean matchesInbound(OlmMessage preKeyMessage) {
        try {
            return matches(PreKeyMessage.of(preKeyMessage));
        } catch (OlmException e) {
            return false;
        }
    }

    private boolean matches(PreKeyMessage preKey) {
        return Arrays.equals(preKey.identityKey(), aliceIdentityKey) && Arrays.equals(preKey.baseKey(), aliceBaseKey)
                && Arrays.equals(preKey.oneTimeKey(), bobOneTimeKey);
    }

    public String pickle(byte[] key) {
        Pickle.Writer out = new Pickle.Writer(PICKLE_TYPE, PICKLE_VERSION)
                .bytes(aliceIdentityKey).bytes(aliceBaseKey).bytes(bobOneTimeKey).bool(receivedMessage);
        ratchet.write(out);
        return out.seal(key);
    }

    public static Session unpickle(String pickled, byte[] key) throws OlmException {
        Pickle.Reader in = Pickle.Reader.open(pickled, key, PICKLE_TYPE);
        if (in.version() != PICKLE_VERSION) {
            throw new OlmException(OlmException.Reason.BAD_PICKLE, "unknown session pickle version");
        }
        byte[] identity = in.bytes();
        byte[] base = in.bytes();
        byte[] oneTime = in.bytes();
        boolean received = in.bool();
        return new Session(Ratchet.read(in), identity, base, oneTime, received);
    }

    @Override
    public String toString() {
        return "Session[" + sessionId() + "]";
    }
}
