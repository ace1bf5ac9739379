package org.invitebot.testbed.authentik;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An invitation as the Authentik stand-in holds it.
 *
 * @param expires   {@code null} when created without one
 * @param flow      the flow's pk, {@code null} for "any flow"
 * @param fixedData as sent, JSON objects as maps and arrays as lists
 * @param createdBy the username of the token that created it
 */
public record StoredInvitation(UUID pk, String name, Instant expires, boolean singleUse, UUID flow,
        Map<String, Object> fixedData, String createdBy) {
}
