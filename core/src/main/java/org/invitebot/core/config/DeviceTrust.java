package org.invitebot.core.config;

/** {@code matrix.encryption.trust}: which devices of an authorised user may command the bot in encrypted rooms. */
public enum DeviceTrust {
    /** Only a device its owner verified: signed by the owner's self-signing key (cross-signing). */
    CROSS_SIGNED("cross-signed"),
    /** Any device of the user, as in clear rooms. */
    ANY("any");

    private final String configValue;

    DeviceTrust(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling in the configuration file. */
    public String configValue() {
        return configValue;
    }
}
