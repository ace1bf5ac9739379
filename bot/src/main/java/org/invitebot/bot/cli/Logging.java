package org.invitebot.bot.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import org.slf4j.LoggerFactory;

final class Logging {

    private Logging() {
    }

    /** Only warnings and errors: the demo's terminal is for the chat, not for the bot's log. */
    static void quiet() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }
}
