package org.invitebot.testbed.authentik;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An entry of Authentik's event log ({@code /events/events/}). {@code username} is null for anonymous. */
public record StoredEvent(UUID pk, String action, Map<String, Object> context, String username, Instant created) {
}
