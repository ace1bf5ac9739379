package org.invitebot.core.command;

/** {@code !whoami}: how the sender maps to an Authentik user and what they may do. */
public record WhoAmI() implements Command {
}
