package org.invitebot.bot.matrix.e2ee;

import java.util.List;
import java.util.Optional;

import org.invitebot.core.config.DeviceTrust;

/**
 * Whether the device an encrypted command came from may command the bot: never while its user's cross-signing
 * identity has changed unacknowledged, and under {@code trust: cross-signed} only when its owner verified it.
 */
final class SenderTrust {

    private final DeviceTrust policy;
    private final Devices devices;
    private final Identities identities;

    SenderTrust(DeviceTrust policy, Devices devices, Identities identities) {
        this.policy = policy;
        this.devices = devices;
        this.identities = identities;
    }

    /** Why the device may not command the bot, in words for its user; empty when it may. */
    Optional<String> distrust(String user, String deviceId, Working vault) {
        List<Device> known = devices.of(List.of(user), vault);
        if (identities.changed(user, vault)) {
            return Optional.of("the cross-signing identity of " + user + " changed since I last saw it (a reset of its"
                    + " security keys, or someone else's); another admin must confirm it with !trust " + user);
        }
        if (policy == DeviceTrust.ANY) {
            return Optional.empty();
        }
        boolean verified = known.stream().anyMatch(device -> device.deviceId().equals(deviceId) && device.crossSigned());
        return verified ? Optional.empty() : Optional.of("your device " + deviceId + " is not verified; verify it from"
                + " one of your other sessions (in Element: Settings, Sessions), then send the command again");
    }
}
