package org.invitebot.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** Byte-array plumbing: unpadded base64 as libolm writes it, concatenation, DER prefixes. */
final class Bytes {

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    private Bytes() {
    }

    static String base64(byte[] bytes) {
        return BASE64.encodeToString(bytes);
    }

    /** Accepts padded and unpadded base64. */
    static byte[] unbase64(String text) throws OlmException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "not base64");
        }
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** The raw key after a DER prefix, checking that the encoding is the one the prefix describes. */
    static byte[] suffix(byte[] encoded, byte[] prefix) {
        if (encoded.length != prefix.length + 32 || !Arrays.equals(Arrays.copyOf(encoded, prefix.length), prefix)) {
            throw new IllegalStateException("the JDK encoded a key in an unexpected form");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }
}
