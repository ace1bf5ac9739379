package org.invitebot.bot.matrix;

import java.util.Optional;

/** Whom an access token belongs to: a user and, for a token from a login, its device. */
public record Whoami(String userId, Optional<String> deviceId) {
}
