package org.invitebot.core.config;

import java.util.Objects;

/**
 * A credential from the configuration. {@link #toString()} never shows it, so a secret that slips
 * into a log line, an exception or a reply shows as {@code ***}.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret cannot be empty");
        }
        this.value = value;
    }

    /** The secret itself: only for the header or body that needs it. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
