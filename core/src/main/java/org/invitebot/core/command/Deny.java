package org.invitebot.core.command;

import java.util.Optional;

/** {@code !deny <id> [reason]}: the request is closed without an invitation; the requester hears the reason. */
public record Deny(long id, Optional<String> reason) implements Command {
}
