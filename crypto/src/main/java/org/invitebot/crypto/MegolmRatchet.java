package org.invitebot.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Megolm's four-part hash ratchet (megolm.md): R(i,3) is rehashed every step, R(i,2) every 2^8, R(i,1) every
 * 2^16 and R(i,0) every 2^24 steps, each reseeding the parts below it, so any index ahead is reached in at
 * most 1020 hashes. Moves forwards only.
 */
final class MegolmRatchet {

    static final int LENGTH = 128;
    private static final int PART = 32;

    private final byte[] parts;
    private long counter;

    MegolmRatchet(byte[] parts, long counter) {
        if (parts.length != LENGTH) {
            throw new IllegalArgumentException("a Megolm ratchet has 128 bytes");
        }
        this.parts = parts.clone();
        this.counter = counter & 0xffffffffL;
    }

    static MegolmRatchet random() {
        byte[] parts = new byte[LENGTH];
        new SecureRandom().nextBytes(parts);
        return new MegolmRatchet(parts, 0);
    }

    long index() {
        return counter;
    }

    byte[] value() {
        return parts.clone();
    }

    MegolmRatchet copy() {
        return new MegolmRatchet(parts, counter);
    }

    /** One step: the highest part whose counter digit rolled over reseeds itself and every part below it. */
    void advance() {
        counter = (counter + 1) & 0xffffffffL;
        int from = 3;
        for (int part = 0; part < 3; part++) {
            if ((counter & (0xffffffffL >>> (8 * (part + 1)))) == 0) {
                from = part;
                break;
            }
        }
        rehashFrom(from);
    }

    /** Winds forward to {@code target}, one part at a time, as libolm does. */
    void advanceTo(long target) {
        for (int part = 0; part < 4; part++) {
            int shift = (3 - part) * 8;
            long steps = ((target >>> shift) - (counter >>> shift)) & 0xff;
            if (steps == 0) {
                continue;
            }
            for (; steps > 1; steps--) {
                rehash(part, part);
            }
            rehashFrom(part);
            counter = target & (0xffffffffL << shift) & 0xffffffffL;
        }
    }

    /** R(from..3) from R(from), the lowest part first so every one is seeded from the old R(from). */
    private void rehashFrom(int from) {
        for (int to = 3; to >= from; to--) {
            rehash(from, to);
        }
    }

    private void rehash(int from, int to) {
        byte[] seeded = Kdf.hmac(Arrays.copyOfRange(parts, from * PART, (from + 1) * PART), new byte[] {(byte) to});
        System.arraycopy(seeded, 0, parts, to * PART, PART);
    }
}
