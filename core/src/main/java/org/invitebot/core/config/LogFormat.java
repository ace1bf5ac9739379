package org.invitebot.core.config;

/** How log lines are written: for people ({@code text}) or for a log collector ({@code json}). */
public enum LogFormat {
    TEXT("text"),
    JSON("json");

    private final String configValue;

    LogFormat(String configValue) {
        this.configValue = configValue;
    }

    /** The spelling in the configuration file. */
    public String configValue() {
        return configValue;
    }
}
