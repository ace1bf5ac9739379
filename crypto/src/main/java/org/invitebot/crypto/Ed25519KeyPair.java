package org.invitebot.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** An Ed25519 key pair as raw bytes (32-byte seed, 32-byte public key); the JDK signs and verifies. */
final class Ed25519KeyPair {

    private static final byte[] PUBLIC_PREFIX = Bytes.hex("302a300506032b6570032100");
    private static final byte[] PRIVATE_PREFIX = Bytes.hex("302e020100300506032b657004220420");

    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519KeyPair(byte[] seed, byte[] publicKey) {
        this.seed = seed;
        this.publicKey = publicKey;
    }

    static Ed25519KeyPair generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Ed25519KeyPair(Bytes.suffix(pair.getPrivate().getEncoded(), PRIVATE_PREFIX),
                    Bytes.suffix(pair.getPublic().getEncoded(), PUBLIC_PREFIX));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    static Ed25519KeyPair of(byte[] seed, byte[] publicKey) {
        return new Ed25519KeyPair(seed.clone(), publicKey.clone());
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] seed() {
        return seed.clone();
    }

    byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(
                    new PKCS8EncodedKeySpec(Bytes.concat(PRIVATE_PREFIX, seed))));
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with Ed25519 failed", e);
        }
    }

    /** False for a wrong signature and for a key or signature that is not even well formed. */
    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != 32 || signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(Bytes.concat(PUBLIC_PREFIX, publicKey))));
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "Ed25519KeyPair[public " + Bytes.base64(publicKey) + "]";
    }
}
