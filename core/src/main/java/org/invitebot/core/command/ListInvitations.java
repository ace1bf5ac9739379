package org.invitebot.core.command;

import java.util.Optional;

/** {@code !invites [text]}: active invitations, optionally only those whose name or invitee contains {@code text}. */
public record ListInvitations(Optional<String> filter) implements Command {
}
