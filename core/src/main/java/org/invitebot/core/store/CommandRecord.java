package org.invitebot.core.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A command and how far it got.
 *
 * @param invitationName the name reserved for the invitation it creates, once chosen
 * @param reply          the reply, once decided
 * @param waitingEvent   the event that shows the command waits (a Matrix reaction), while it stands
 */
public record CommandRecord(ReceivedCommand command, CommandState state, Optional<String> invitationName,
        Optional<String> reply, Instant receivedAt, Optional<String> waitingEvent) {
}
