package org.invitebot.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Explicit serialisation of sessions and accounts: a type tag, a format version, then the fields in a fixed
 * order; sealed with AES-256-GCM under the caller's 32-byte key, a random 12-byte nonce in front, in base64.
 * GCM because it is the JDK's authenticated cipher: a wrong key or a changed byte is refused, never misread.
 */
final class Pickle {

    private static final int NONCE_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pickle() {
    }

    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer(String type, int version) {
            text(type);
            integer(version);
        }

        Writer bytes(byte[] value) {
            try {
                out.writeInt(value.length);
                out.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer integer(long value) {
            try {
                out.writeLong(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Writer bool(boolean value) {
            return integer(value ? 1 : 0);
        }

        Writer text(String value) {
            return bytes(value.getBytes(StandardCharsets.UTF_8));
        }

        String seal(byte[] key) {
            byte[] plain = bytes.toByteArray();
            try {
                byte[] nonce = new byte[NONCE_LENGTH];
                RANDOM.nextBytes(nonce);
                return Bytes.base64(Bytes.concat(nonce, cipher(Cipher.ENCRYPT_MODE, key, nonce).doFinal(plain)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM failed", e);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    static final class Reader {
        private final DataInputStream in;

        private Reader(byte[] plain) {
            this.in = new DataInputStream(new ByteArrayInputStream(plain));
        }

        /** Opens a sealed pickle of {@code type}; read {@link #version()} next, then the fields in order. */
        static Reader open(String sealed, byte[] key, String type) throws OlmException {
            byte[] all;
            try {
                all = Bytes.unbase64(sealed);
            } catch (OlmException e) {
                throw new OlmException(OlmException.Reason.BAD_PICKLE, "not base64");
            }
            if (all.length <= NONCE_LENGTH) {
                throw new OlmException(OlmException.Reason.BAD_PICKLE, "too short");
            }
            byte[] nonce = Arrays.copyOf(all, NONCE_LENGTH);
            try {
                Reader reader = new Reader(cipher(Cipher.DECRYPT_MODE, key, nonce).doFinal(all, NONCE_LENGTH, all.length - NONCE_LENGTH));
                if (!reader.text().equals(type)) {
                    throw new OlmException(OlmException.Reason.BAD_PICKLE, "not a pickled " + type);
                }
                return reader;
            } catch (AEADBadTagException e) {
                throw new OlmException(OlmException.Reason.BAD_PICKLE_KEY, "wrong pickle key or changed pickle");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM failed", e);
            }
        }

        int version() throws OlmException {
            return (int) integer();
        }

        byte[] bytes() throws OlmException {
            try {
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new OlmException(OlmException.Reason.BAD_PICKLE, "a field runs past the end");
                }
                return in.readNBytes(length);
            } catch (IOException e) {
                throw new OlmException(OlmException.Reason.BAD_PICKLE, "truncated");
            }
        }

        long integer() throws OlmException {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw new OlmException(OlmException.Reason.BAD_PICKLE, "truncated");
            }
        }

        boolean bool() throws OlmException {
            return integer() != 0;
        }

        String text() throws OlmException {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        if (key.length != 32) {
            throw new IllegalArgumentException("a pickle key has 32 bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        return cipher;
    }
}
