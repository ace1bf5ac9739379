package org.invitebot.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An invitation the bot made, remembered for the enrollment follow-up, the sweep and {@code !reissue}.
 *
 * @param signalNumber the invitee's number when the link went over Signal
 */
public record BotInvitation(UUID pk, String name, String mode, List<String> requestedGroups, String requester,
        String commandId, Instant createdAt, Instant expiresAt, Optional<String> signalNumber) {

    public BotInvitation {
        requestedGroups = List.copyOf(requestedGroups);
    }
}
