package org.invitebot.bot.matrix.e2ee;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.core.config.Secret;

/**
 * The key that seals key material in the state file: {@code matrix.encryption.pickle_key} when the operator
 * gives one, else a random key the bot keeps in a file beside the state file, readable by its owner only.
 */
public final class PickleKey {

    static final String FILE_NAME = "pickle.key";
    private static final Logger log = LoggerFactory.getLogger(PickleKey.class);

    private PickleKey() {
    }

    /** @return 32 bytes for AES-256 */
    public static byte[] resolve(Optional<Secret> configured, Path stateFile) {
        if (configured.isPresent()) {
            return sha256(configured.get().reveal().getBytes(StandardCharsets.UTF_8));
        }
        Path file = stateFile.toAbsolutePath().resolveSibling(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                // on disk before anything is sealed with it: a key lost to a power cut would lock the identity away
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(Base64.getEncoder().encode(key)));
                    channel.force(true);
                }
                log.warn("generated the key that seals the encryption keys in the state file: {}; better move it into a"
                        + " secret (matrix.encryption.pickle_key_file) and keep a copy: without it the bot's encryption"
                        + " identity is lost", file);
            }
            return sha256(Files.readString(file).trim().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the pickle key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
