package org.invitebot.core.command;

/** {@code !requests}: the invitation requests waiting for a decision, for admins. */
public record ListRequests() implements Command {
}
