package org.invitebot.bot.text;

import java.util.Objects;

import org.invitebot.core.command.Command;

/** What {@link CommandParser} made of a chat message. */
public sealed interface ParseResult {

    /** Ordinary chat, not addressed to the bot: ignored without a reply. */
    record NotACommand() implements ParseResult {
    }

    record Parsed(Command command) implements ParseResult {
        public Parsed {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * A command the bot cannot read.
     *
     * @param error one line for the sender: what was wrong and what was expected
     */
    record Malformed(String error) implements ParseResult {
        public Malformed {
            Objects.requireNonNull(error, "error");
        }
    }
}
