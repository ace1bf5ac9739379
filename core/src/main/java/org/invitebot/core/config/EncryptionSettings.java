package org.invitebot.core.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code matrix.encryption:} section.
 *
 * @param pickleKey seals key material in the state file; absent: a generated key file beside the state file
 * @param keyWait   how long a command encrypted with a key the bot lacks waits for it before its sender is told
 * @param trust     which devices' encrypted commands the bot acts on
 */
public record EncryptionSettings(boolean enabled, Optional<Secret> pickleKey, Duration keyWait, DeviceTrust trust) {

    public static final Duration DEFAULT_KEY_WAIT = Duration.ofSeconds(60);

    public EncryptionSettings {
        Objects.requireNonNull(pickleKey, "pickleKey");
        Objects.requireNonNull(keyWait, "keyWait");
        Objects.requireNonNull(trust, "trust");
    }

    public static EncryptionSettings defaults() {
        return new EncryptionSettings(true, Optional.empty(), DEFAULT_KEY_WAIT, DeviceTrust.CROSS_SIGNED);
    }
}
