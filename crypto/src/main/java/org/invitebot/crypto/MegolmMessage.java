package org.invitebot.crypto;

import java.util.Arrays;
import java.util.Map;

/** A Megolm message: version, payload (index, cipher-text), 8-byte MAC, 64-byte Ed25519 signature over all before it. */
record MegolmMessage(long index, byte[] ciphertext, byte[] authenticated, byte[] mac, byte[] signed, byte[] signature) {

    static final int SIGNATURE_LENGTH = 64;
    private static final int INDEX = 0x08;
    private static final int CIPHERTEXT = 0x12;

    static byte[] payload(long index, byte[] ciphertext) {
        return new Wire.Writer().integer(INDEX, index).bytes(CIPHERTEXT, ciphertext).toBytes();
    }

    static MegolmMessage decode(byte[] bytes) throws OlmException {
        int macAt = bytes.length - SIGNATURE_LENGTH - MessageCipher.MAC_LENGTH;
        if (macAt < 1) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "too short");
        }
        Map<Integer, Object> fields = Wire.read(bytes, macAt);
        return new MegolmMessage(Wire.integerField(fields, INDEX), Wire.bytesField(fields, CIPHERTEXT, -1),
                Arrays.copyOf(bytes, macAt), Arrays.copyOfRange(bytes, macAt, macAt + MessageCipher.MAC_LENGTH),
                Arrays.copyOf(bytes, bytes.length - SIGNATURE_LENGTH),
                Arrays.copyOfRange(bytes, bytes.length - SIGNATURE_LENGTH, bytes.length));
    }
}
