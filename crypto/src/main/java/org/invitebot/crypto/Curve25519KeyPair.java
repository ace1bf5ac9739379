package org.invitebot.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import javax.crypto.KeyAgreement;

/**
 * An X25519 key pair as raw 32-byte values, the form Olm sends and stores; the JDK's XDH does the math.
 * Raw keys go in and out of the JDK through the fixed DER prefixes of RFC 8410.
 */
final class Curve25519KeyPair {

    private static final byte[] PUBLIC_PREFIX = Bytes.hex("302a300506032b656e032100");
    private static final byte[] PRIVATE_PREFIX = Bytes.hex("302e020100300506032b656e04220420");

    private final byte[] privateKey;
    private final byte[] publicKey;

    private Curve25519KeyPair(byte[] privateKey, byte[] publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static Curve25519KeyPair generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            return new Curve25519KeyPair(Bytes.suffix(pair.getPrivate().getEncoded(), PRIVATE_PREFIX),
                    Bytes.suffix(pair.getPublic().getEncoded(), PUBLIC_PREFIX));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no X25519", e);
        }
    }

    static Curve25519KeyPair of(byte[] privateKey, byte[] publicKey) {
        return new Curve25519KeyPair(privateKey.clone(), publicKey.clone());
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] privateKey() {
        return privateKey.clone();
    }

    /** ECDH with {@code theirPublic}: the shared 32 bytes. */
    byte[] agree(byte[] theirPublic) throws OlmException {
        try {
            KeyFactory factory = KeyFactory.getInstance("X25519");
            PrivateKey mine = factory.generatePrivate(new PKCS8EncodedKeySpec(Bytes.concat(PRIVATE_PREFIX, privateKey)));
            PublicKey theirs = factory.generatePublic(new X509EncodedKeySpec(Bytes.concat(PUBLIC_PREFIX, theirPublic)));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(mine);
            agreement.doPhase(theirs, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "a Curve25519 key is not usable");
        }
    }

    @Override
    public String toString() {
        return "Curve25519KeyPair[public " + Bytes.base64(publicKey) + "]";
    }

    void clear() {
        Arrays.fill(privateKey, (byte) 0);
    }
}
