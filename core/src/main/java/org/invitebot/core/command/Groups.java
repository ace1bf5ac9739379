package org.invitebot.core.command;

/** {@code !groups}: the groups the sender may grant. */
public record Groups() implements Command {
}
