package org.invitebot.crypto;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The receiving side of a Megolm session: the ratchet at the earliest index this device may decrypt from,
 * and the session's Ed25519 public key, which every message's signature must verify against.
 */
public final class InboundGroupSession {

    private static final String PICKLE_TYPE = "megolm-inbound";
    private static final int PICKLE_VERSION = 1;
    private static final byte SHARED_VERSION = 2;
    private static final byte EXPORTED_VERSION = 1;
    private static final int EXPORT_LENGTH = 1 + 4 + MegolmRatchet.LENGTH + 32;

    private final MegolmRatchet initial;
    private final byte[] signingKey;

    private InboundGroupSession(MegolmRatchet initial, byte[] signingKey) {
        this.initial = initial;
        this.signingKey = signingKey;
    }

    /** From {@code m.room_key}'s session key (version 2), whose signature must be the session key's own. */
    public static InboundGroupSession fromSessionKey(String sessionKey) throws OlmException {
        byte[] bytes = Bytes.unbase64(sessionKey);
        if (bytes.length != EXPORT_LENGTH + MegolmMessage.SIGNATURE_LENGTH || bytes[0] != SHARED_VERSION) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "not a version 2 session key");
        }
        InboundGroupSession session = parse(bytes);
        if (!Ed25519KeyPair.verify(session.signingKey, Arrays.copyOf(bytes, EXPORT_LENGTH),
                Arrays.copyOfRange(bytes, EXPORT_LENGTH, bytes.length))) {
            throw new OlmException(OlmException.Reason.BAD_SIGNATURE, "the session key is not signed by its session");
        }
        return session;
    }

    /** From an export (version 1, unsigned), as {@code m.forwarded_room_key} and key backups carry it. */
    public static InboundGroupSession importSession(String exported) throws OlmException {
        byte[] bytes = Bytes.unbase64(exported);
        if (bytes.length != EXPORT_LENGTH || bytes[0] != EXPORTED_VERSION) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "not a version 1 session export");
        }
        return parse(bytes);
    }

    private static InboundGroupSession parse(byte[] bytes) {
        long index = ByteBuffer.wrap(bytes, 1, 4).getInt() & 0xffffffffL;
        return new InboundGroupSession(new MegolmRatchet(Arrays.copyOfRange(bytes, 5, 5 + MegolmRatchet.LENGTH), index),
                Arrays.copyOfRange(bytes, 5 + MegolmRatchet.LENGTH, EXPORT_LENGTH));
    }

    /** The session as from {@code messageIndex} on, in the export format. */
    public String export(int messageIndex) throws OlmException {
        long target = messageIndex & 0xffffffffL;
        if (target < initial.index()) {
            throw new OlmException(OlmException.Reason.UNKNOWN_MESSAGE_INDEX, "cannot export before the first known index");
        }
        MegolmRatchet ratchet = initial.copy();
        ratchet.advanceTo(target);
        return Bytes.base64(Bytes.concat(new byte[] {EXPORTED_VERSION}, ByteBuffer.allocate(4).putInt(messageIndex).array(),
                ratchet.value(), signingKey));
    }

    public String sessionId() {
        return Bytes.base64(signingKey);
    }

    public int firstKnownIndex() {
        return (int) initial.index();
    }

    public GroupDecryption decrypt(String ciphertext) throws OlmException {
        MegolmMessage message = MegolmMessage.decode(Bytes.unbase64(ciphertext));
        if (!Ed25519KeyPair.verify(signingKey, message.signed(), message.signature())) {
            throw new OlmException(OlmException.Reason.BAD_SIGNATURE, "the message is not signed by its session");
        }
        if (message.index() < initial.index()) {
            throw new OlmException(OlmException.Reason.UNKNOWN_MESSAGE_INDEX,
                    "message " + message.index() + " is before the first known index " + initial.index());
        }
        MegolmRatchet ratchet = initial.copy();
        ratchet.advanceTo(message.index());
        MessageCipher cipher = new MessageCipher(ratchet.value(), MessageCipher.MEGOLM_KEYS);
        cipher.checkMac(message.authenticated(), message.mac());
        return new GroupDecryption(cipher.decrypt(message.ciphertext()), (int) message.index());
    }

    public String pickle(byte[] key) {
        return new Pickle.Writer(PICKLE_TYPE, PICKLE_VERSION).bytes(initial.value()).integer(initial.index()).bytes(signingKey)
                .seal(key);
    }

    public static InboundGroupSession unpickle(String pickled, byte[] key) throws OlmException {
        Pickle.Reader in = Pickle.Reader.open(pickled, key, PICKLE_TYPE);
        if (in.version() != PICKLE_VERSION) {
            throw new OlmException(OlmException.Reason.BAD_PICKLE, "unknown inbound group session pickle version");
        }
        MegolmRatchet ratchet = new MegolmRatchet(in.bytes(), in.integer());
        return new InboundGroupSession(ratchet, in.bytes());
    }

    @Override
    public String toString() {
        return "InboundGroupSession[" + sessionId() + " from " + initial.index() + "]";
    }
}
