package org.invitebot.core.command;

import java.util.Optional;

/** {@code !help [command]}. */
public record Help(Optional<String> topic) implements Command {
}
