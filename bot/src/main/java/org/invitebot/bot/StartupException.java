package org.invitebot.bot;

/** invitebot cannot start; the message is one line that says what to fix, with no secret in it. */
public final class StartupException extends Exception {

    public StartupException(String message) {
        super(message);
    }
}
