package org.invitebot.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Olm's double ratchet (olm.md): a root key, at most one sending chain, the newest receiving chains and the
 * message keys skipped on them. {@link #decrypt} works on a copy and keeps it only when the MAC was right,
 * so a forged or broken message changes nothing.
 */
final class Ratchet {

    /** Receiving chains kept, as libolm: older ratchet keys are forgotten. */
    static final int MAX_RECEIVER_CHAINS = 5;
    /** Message keys kept for out-of-order messages, as libolm; the oldest go first. */
    static final int MAX_SKIPPED_MESSAGE_KEYS = 40;
    /** The furthest a message may lie ahead of its chain, as vodozemac: a bound on the work a message can cause. */
    static final int MAX_MESSAGE_GAP = 2000;

    private static final byte[] MESSAGE_KEY_SEED = {0x01};
    private static final byte[] CHAIN_KEY_SEED = {0x02};
    private static final int RATCHET_KEY = 0x0A;
    private static final int CHAIN_INDEX = 0x10;
    private static final int CIPHERTEXT = 0x22;

    private static final class SenderChain {
        Curve25519KeyPair ratchetKey;
        byte[] chainKey;
        long index;
    }

    private static final class ReceiverChain {
        byte[] ratchetKey;
        byte[] chainKey;
        long index;
    }

    private record SkippedKey(byte[] ratchetKey, long index, byte[] messageKey) {
    }

    private byte[] rootKey;
    private SenderChain sender;
    private final List<ReceiverChain> receivers = new ArrayList<>();
    private final List<SkippedKey> skipped = new ArrayList<>();

    private Ratchet() {
    }

    /** Alice: she sends first, on the chain the three-way agreement gives, under her first ratchet key. */
    static Ratchet alice(byte[] sharedSecret, Curve25519KeyPair ratchetKey) {
        byte[] keys = Kdf.hkdf(null, sharedSecret, "OLM_ROOT", 64);
        Ratchet ratchet = new Ratchet();
        ratchet.rootKey = Arrays.copyOf(keys, 32);
        ratchet.sender = new SenderChain();
        ratchet.sender.ratchetKey = ratchetKey;
        ratchet.sender.chainKey = Arrays.copyOfRange(keys, 32, 64);
        return ratchet;
    }

    /** Bob: the same chain is his first receiving chain, under Alice's ratchet key from her pre-key message. */
    static Ratchet bob(byte[] sharedSecret, byte[] theirRatchetKey) {
        byte[] keys = Kdf.hkdf(null, sharedSecret, "OLM_ROOT", 64);
        Ratchet ratchet = new Ratchet();
        ratchet.rootKey = Arrays.copyOf(keys, 32);
        ReceiverChain chain = new ReceiverChain();
        chain.ratchetKey = theirRatchetKey.clone();
        chain.chainKey = Arrays.copyOfRange(keys, 32, 64);
        ratchet.receivers.add(chain);
        return ratchet;
    }

    /** A normal message (version, payload, MAC). */
    byte[] encrypt(byte[] plaintext) throws OlmException {
        if (sender == null) {
            SenderChain next = new SenderChain();
            next.ratchetKey = Curve25519KeyPair.generate();
            byte[][] advanced = advanceRoot(rootKey, next.ratchetKey, receivers.get(0).ratchetKey);
            rootKey = advanced[0];
            next.chainKey = advanced[1];
            sender = next;
        }
        byte[] messageKey = Kdf.hmac(sender.chainKey, MESSAGE_KEY_SEED);
        long index = sender.index;
        sender.chainKey = Kdf.hmac(sender.chainKey, CHAIN_KEY_SEED);
        sender.index++;
        MessageCipher cipher = new MessageCipher(messageKey, MessageCipher.OLM_KEYS);
        byte[] body = new Wire.Writer().bytes(RATCHET_KEY, sender.ratchetKey.publicKey()).integer(CHAIN_INDEX, index)
                .bytes(CIPHERTEXT, cipher.encrypt(plaintext)).toBytes();
        return Bytes.concat(body, cipher.mac(body));
    }

    /** The ratchet key a normal message was sent under (Bob learns Alice's first one from her pre-key message). */
    static byte[] ratchetKeyOf(byte[] normalMessage) throws OlmException {
        return Wire.bytesField(fields(normalMessage), RATCHET_KEY, 32);
    }

    byte[] decrypt(byte[] message) throws OlmException {
        Map<Integer, Object> fields = fields(message);
        byte[] theirKey = Wire.bytesField(fields, RATCHET_KEY, 32);
        long index = Wire.integerField(fields, CHAIN_INDEX);
        byte[] ciphertext = Wire.bytesField(fields, CIPHERTEXT, -1);
        byte[] authenticated = Arrays.copyOf(message, message.length - MessageCipher.MAC_LENGTH);
        byte[] mac = Arrays.copyOfRange(message, message.length - MessageCipher.MAC_LENGTH, message.length);

        Ratchet work = copy();
        Optional<ReceiverChain> known = work.receivers.stream().filter(chain -> Arrays.equals(chain.ratchetKey, theirKey)).findFirst();
        ReceiverChain chain;
        if (known.isPresent()) {
            chain = known.get();
        } else {
            if (work.sender == null) {
                throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "a new ratchet key before any was sent");
            }
            byte[][] advanced = advanceRoot(work.rootKey, work.sender.ratchetKey, theirKey);
            chain = new ReceiverChain();
            chain.ratchetKey = theirKey;
            chain.chainKey = advanced[1];
            work.rootKey = advanced[0];
            work.receivers.add(0, chain);
            while (work.receivers.size() > MAX_RECEIVER_CHAINS) {
                work.receivers.remove(work.receivers.size() - 1);
            }
            // the next message this side sends starts a new ratchet step
            work.sender = null;
        }
        byte[] messageKey;
        if (index < chain.index) {
            SkippedKey kept = work.skipped.stream()
                    .filter(key -> key.index() == index && Arrays.equals(key.ratchetKey(), theirKey))
                    .findFirst()
                    .orElseThrow(() -> new OlmException(OlmException.Reason.UNKNOWN_MESSAGE_INDEX,
                            "message " + index + " of this chain was decrypted already or its key was dropped"));
            work.skipped.remove(kept);
            messageKey = kept.messageKey();
        } else {
            if (index - chain.index > MAX_MESSAGE_GAP) {
                throw new OlmException(OlmException.Reason.MESSAGE_GAP_TOO_LARGE,
                        "message " + index + " is " + (index - chain.index) + " ahead of its chain");
            }
            while (chain.index < index) {
                work.skipped.add(new SkippedKey(theirKey, chain.index, Kdf.hmac(chain.chainKey, MESSAGE_KEY_SEED)));
                chain.chainKey = Kdf.hmac(chain.chainKey, CHAIN_KEY_SEED);
                chain.index++;
            }
            while (work.skipped.size() > MAX_SKIPPED_MESSAGE_KEYS) {
                work.skipped.remove(0);
            }
            messageKey = Kdf.hmac(chain.chainKey, MESSAGE_KEY_SEED);
            chain.chainKey = Kdf.hmac(chain.chainKey, CHAIN_KEY_SEED);
            chain.index++;
        }
        MessageCipher cipher = new MessageCipher(messageKey, MessageCipher.OLM_KEYS);
        cipher.checkMac(authenticated, mac);
        byte[] plaintext = cipher.decrypt(ciphertext);
        adopt(work);
        return plaintext;
    }

    private static Map<Integer, Object> fields(byte[] message) throws OlmException {
        if (message.length <= MessageCipher.MAC_LENGTH) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "too short");
        }
        return Wire.read(message, message.length - MessageCipher.MAC_LENGTH);
    }

    /** R_i ∥ C_i,0 = HKDF(R_i-1, ECDH(ours, theirs), "OLM_RATCHET", 64). */
    private static byte[][] advanceRoot(byte[] rootKey, Curve25519KeyPair ours, byte[] theirs) throws OlmException {
        byte[] keys = Kdf.hkdf(rootKey, ours.agree(theirs), "OLM_RATCHET", 64);
        return new byte[][] {Arrays.copyOf(keys, 32), Arrays.copyOfRange(keys, 32, 64)};
    }

    private void adopt(Ratchet other) {
        rootKey = other.rootKey;
        sender = other.sender;
        receivers.clear();
        receivers.addAll(other.receivers);
        skipped.clear();
        skipped.addAll(other.skipped);
    }

    private Ratchet copy() {
        Ratchet copy = new Ratchet();
        copy.rootKey = rootKey.clone();
        if (sender != null) {
            copy.sender = new SenderChain();
            copy.sender.ratchetKey = sender.ratchetKey;
            copy.sender.chainKey = sender.chainKey.clone();
            copy.sender.index = sender.index;
        }
        for (ReceiverChain chain : receivers) {
            ReceiverChain c = new ReceiverChain();
            c.ratchetKey = chain.ratchetKey.clone();
            c.chainKey = chain.chainKey.clone();
            c.index = chain.index;
            copy.receivers.add(c);
        }
        copy.skipped.addAll(skipped);
        return copy;
    }

    void write(Pickle.Writer out) {
        out.bytes(rootKey).bool(sender != null);
        if (sender != null) {
            out.bytes(sender.ratchetKey.privateKey()).bytes(sender.ratchetKey.publicKey()).bytes(sender.chainKey).integer(sender.index);
        }
        out.integer(receivers.size());
        receivers.forEach(chain -> out.bytes(chain.ratchetKey).bytes(chain.chainKey).integer(chain.index));
        out.integer(skipped.size());
        skipped.forEach(key -> out.bytes(key.ratchetKey()).integer(key.index()).bytes(key.messageKey()));
    }

    static Ratchet read(Pickle.Reader in) throws OlmException {
        Ratchet ratchet = new Ratchet();
        ratchet.rootKey = in.bytes();
        if (in.bool()) {
            ratchet.sender = new SenderChain();
            ratchet.sender.ratchetKey = Curve25519KeyPair.of(in.bytes(), in.bytes());
            ratchet.sender.chainKey = in.bytes();
            ratchet.sender.index = in.integer();
        }
        long chains = in.integer();
        for (long i = 0; i < chains; i++) {
            ReceiverChain chain = new ReceiverChain();
            chain.ratchetKey = in.bytes();
            chain.chainKey = in.bytes();
            chain.index = in.integer();
            ratchet.receivers.add(chain);
        }
        long keys = in.integer();
        for (long i = 0; i < keys; i++) {
            ratchet.skipped.add(new SkippedKey(in.bytes(), in.integer(), in.bytes()));
        }
        return ratchet;
    }

    @Override
    public String toString() {
        return "Ratchet[" + receivers.size() + " receiving chain(s), " + skipped.size() + " skipped key(s)]";
    }
}
