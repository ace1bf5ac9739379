package org.invitebot.bot.signal;

/**
 * signal-cli-rest-api refused a call or could not be reached.
 *
 * @see #status() 0 when no answer came at all
 */
public final class SignalException extends RuntimeException {

    private final int status;
    private final String error;

    SignalException(String message, int status, String error, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    /** The gateway's own {@code error} text; empty when there was no answer. */
    public String error() {
        return error;
    }

    /** Worth trying again later: no answer, or a fault of the gateway rather than of the request. */
    public boolean isTransient() {
        return status == 0 || status >= 500;
    }
}
