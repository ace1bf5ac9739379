package org.invitebot.core.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An {@code !invite} that passed the policy: everything needed to create the invitation except its
 * final unique name.
 *
 * @param email the invitee's address; in link mode it is kept only as metadata
 * @param baseName the runbook-style name before a collision suffix
 * @param signalNumber where the link goes over Signal, in Signal mode
 * @param adminSeesLink whether the admin is handed the link: in link mode, and in Signal mode when asked with {@code --link}
 */
public record InvitationPlan(
        DeliveryMode mode,
        Optional<String> email,
        Optional<String> displayName,
        Instant expires,
        boolean singleUse,
        List<String> groups,
        String baseName,
        Optional<String> signalNumber,
        boolean adminSeesLink) {

    public InvitationPlan {
        groups = List.copyOf(groups);
    }
}
