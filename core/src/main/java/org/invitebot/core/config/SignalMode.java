package org.invitebot.core.config;

/** The receive mode signal-cli-rest-api runs in ({@code MODE} there); it decides how messages arrive. */
public enum SignalMode {
    JSON_RPC("json-rpc"),
    NORMAL("normal"),
    NATIVE("native");

    private final String configValue;

    SignalMode(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling in the configuration file. */
    public String configValue() {
        return configValue;
    }
}
