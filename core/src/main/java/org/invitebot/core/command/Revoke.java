package org.invitebot.core.command;

/** {@code !revoke <name | pk prefix>}. */
public record Revoke(String target) implements Command {
}
