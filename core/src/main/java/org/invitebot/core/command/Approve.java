package org.invitebot.core.command;

/** {@code !approve <id>}: the sender makes the invitation request {@code id} asks for, as if they had typed it. */
public record Approve(long id) implements Command {
}
