package org.invitebot.crypto;

import java.util.Map;

/** Olm's pre-key message: the keys the session was agreed on, and the first normal message inside. */
record PreKeyMessage(byte[] oneTimeKey, byte[] baseKey, byte[] identityKey, byte[] message) {

    private static final int ONE_TIME_KEY = 0x0A;
    private static final int BASE_KEY = 0x12;
    private static final int IDENTITY_KEY = 0x1A;
    private static final int MESSAGE = 0x22;

    byte[] encode() {
        return new Wire.Writer().bytes(ONE_TIME_KEY, oneTimeKey).bytes(BASE_KEY, baseKey).bytes(IDENTITY_KEY, identityKey)
                .bytes(MESSAGE, message).toBytes();
    }

    static PreKeyMessage decode(byte[] bytes) throws OlmException {
        Map<Integer, Object> fields = Wire.read(bytes, bytes.length);
        return new PreKeyMessage(Wire.bytesField(fields, ONE_TIME_KEY, 32), Wire.bytesField(fields, BASE_KEY, 32),
                Wire.bytesField(fields, IDENTITY_KEY, 32), Wire.bytesField(fields, MESSAGE, -1));
    }

    static PreKeyMessage of(OlmMessage message) throws OlmException {
        if (message.type() != OlmMessage.PRE_KEY) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "not a pre-key message");
        }
        return decode(Bytes.unbase64(message.body()));
    }
}
