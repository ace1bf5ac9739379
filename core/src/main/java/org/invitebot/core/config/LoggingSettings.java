package org.invitebot.core.config;

import java.util.Objects;

public record LoggingSettings(LogFormat format) {

    public LoggingSettings {
        Objects.requireNonNull(format, "format");
    }
}
