package org.invitebot.core.config;

import java.util.Objects;

/**
 * How a Matrix sender maps to an Authentik user: {@code localpart} (the Matrix localpart is the
 * Authentik username) or {@code attribute:<name>} (a user attribute holds the Matrix ID).
 */
public sealed interface UserMapping {

    record Localpart() implements UserMapping {
    }

    record Attribute(String name) implements UserMapping {
        public Attribute {
            Objects.requireNonNull(name, "name");
        }
    }
}
