package org.invitebot.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An invitation in Authentik. Names are not unique there, so {@link #pk} is the identity (API-NOTES §0.4).
 *
 * @param email {@code fixed_data.email}: present only for email mode, where it makes Authentik send the link
 * @param displayName {@code fixed_data.name}
 * @param attributes {@code fixed_data.attributes}: the bot's correlation marker, copied into the new user
 * @param createdBy username of the account that created it
 */
public record Invitation(
        UUID pk,
        String name,
        Instant expires,
        boolean singleUse,
        Optional<String> email,
        Optional<String> displayName,
        Map<String, Object> attributes,
        String createdBy) {

    public Invitation {
        Objects.requireNonNull(pk, "pk");
        Objects.requireNonNull(name, "name");
        attributes = Map.copyOf(attributes);
    }
}
