package org.invitebot.core.command;

/**
 * {@code !trust @user:server}: an admin confirms that another user's changed encryption identity (their
 * cross-signing master key in Matrix) is really theirs, so their encrypted commands count again.
 */
public record Trust(String userId) implements Command {
}
