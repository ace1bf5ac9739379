package org.invitebot.core.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An invitation the bot made, remembered for the enrollment follow-up and the sweep. */
public record BotInvitation(UUID pk, String name, String mode, List<String> requestedGroups, String requester,
        String commandId, Instant createdAt, Instant expiresAt) {

    public BotInvitation {
        requestedGroups = List.copyOf(requestedGroups);
    }
}
