package org.invitebot.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A command and how far it got.
 *
 * @param invitationName the name reserved for the invitation it creates, once chosen
 * @param reply          the reply, once decided
 */
public record CommandRecord(ReceivedCommand command, CommandState state, Optional<String> invitationName,
        Optional<String> reply, Instant receivedAt) {
}
