package org.invitebot.core.config;

import java.util.List;

/**
 * The configuration cannot be used. The message lists every problem found, one a line, each
 * starting with the key path ({@code matrix.rooms[0].id: expected ...}); it never contains a secret.
 */
public final class ConfigException extends Exception {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The lines of the message. */
    public List<String> problems() {
        return problems;
    }
}
