package org.invitebot.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA-256 and HKDF-SHA-256 (RFC 5869) over the JDK's Mac: the only derivations Olm and Megolm use. */
final class Kdf {

    /** HKDF's "default salt": a string of HashLen zeros, which HMAC treats as an empty key. */
    private static final byte[] NO_SALT = new byte[32];

    private Kdf() {
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? NO_SALT : key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    static byte[] hkdf(byte[] salt, byte[] inputKey, String info, int length) {
        byte[] prk = hmac(salt == null ? NO_SALT : salt, inputKey);
        byte[] output = new byte[length];
        byte[] block = new byte[0];
        byte[] infoBytes = info.getBytes(StandardCharsets.US_ASCII);
        int filled = 0;
        for (int counter = 1; filled < length; counter++) {
            block = hmac(prk, Bytes.concat(block, infoBytes, new byte[] {(byte) counter}));
            int take = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, output, filled, take);
            filled += take;
        }
        return output;
    }
}
