package org.invitebot.core.port;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An entry of Authentik's event log (API-NOTES §4).
 *
 * @param context the event's context as JSON-like maps and lists
 * @param username the acting user, empty for anonymous (an invitee before enrolling)
 */
public record AuthentikEvent(UUID pk, String action, Map<String, Object> context, Optional<String> username,
        Instant created) {

    public AuthentikEvent {
        context = Map.copyOf(context);
    }
}
