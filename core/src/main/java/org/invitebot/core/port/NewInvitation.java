package org.invitebot.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the bot asks Authentik to create; the Authentik adapter adds the enrollment flow. */
public record NewInvitation(
        String name,
        Instant expires,
        boolean singleUse,
        Optional<String> email,
        Optional<String> displayName,
        Map<String, Object> attributes) {

    public NewInvitation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expires, "expires");
        attributes = Map.copyOf(attributes);
    }
}
