package org.invitebot.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Olm and Megolm's authenticated encryption, version 1: AES-256-CBC with PKCS#7 padding, keyed with an AES key,
 * an HMAC key and an IV from HKDF(0, secret, info, 80); the MAC is HMAC-SHA-256 truncated to 8 bytes.
 */
final class MessageCipher {

    static final int MAC_LENGTH = 8;
    static final String OLM_KEYS = "OLM_KEYS";
    static final String MEGOLM_KEYS = "MEGOLM_KEYS";

    private final byte[] aesKey;
    private final byte[] macKey;
    private final byte[] iv;

    MessageCipher(byte[] secret, String info) {
        byte[] keys = Kdf.hkdf(null, secret, info, 80);
        this.aesKey = Arrays.copyOfRange(keys, 0, 32);
        this.macKey = Arrays.copyOfRange(keys, 32, 64);
        this.iv = Arrays.copyOfRange(keys, 64, 80);
        Arrays.fill(keys, (byte) 0);
    }

    byte[] encrypt(byte[] plaintext) {
        return run(Cipher.ENCRYPT_MODE, plaintext);
    }

    byte[] decrypt(byte[] ciphertext) throws OlmException {
        try {
            return run(Cipher.DECRYPT_MODE, ciphertext);
        } catch (IllegalStateException e) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "the cipher-text does not decrypt");
        }
    }

    byte[] mac(byte[] authenticated) {
        return Arrays.copyOf(Kdf.hmac(macKey, authenticated), MAC_LENGTH);
    }

    /** Compares in constant time. */
    void checkMac(byte[] authenticated, byte[] mac) throws OlmException {
        if (!MessageDigest.isEqual(mac(authenticated), mac)) {
            throw new OlmException(OlmException.Reason.BAD_MAC, "the message's MAC does not match");
        }
    }

    private byte[] run(int mode, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC failed", e);
        }
    }
}
