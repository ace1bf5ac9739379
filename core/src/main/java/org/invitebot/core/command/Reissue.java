package org.invitebot.core.command;

import java.util.Optional;

/** {@code !reissue <name | pk prefix> [expiry]}: a fresh invitation for the same invitee, the old one revoked. */
public record Reissue(String target, Optional<String> expiry) implements Command {
}
