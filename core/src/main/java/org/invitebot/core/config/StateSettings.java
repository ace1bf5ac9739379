package org.invitebot.core.config;

import java.nio.file.Path;
import java.util.Objects;

/** @param path the state database, already resolved against the configuration file's directory */
public record StateSettings(Path path) {

    public StateSettings {
        Objects.requireNonNull(path, "path");
    }
}
