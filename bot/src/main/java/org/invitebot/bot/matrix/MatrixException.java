package org.invitebot.bot.matrix;

/** The homeserver refused a request or could not be reached. Never carries the access token. */
public final class MatrixException extends RuntimeException {

    private final int status;
    private final String errcode;

    MatrixException(String message, int status, String errcode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errcode = errcode;
    }

    /** HTTP status, or 0 when the homeserver was not reached at all. */
    public int status() {
        return status;
    }

    /** Matrix {@code errcode} such as {@code M_FORBIDDEN}, or empty. */
    public String errcode() {
        return errcode;
    }

    /** Worth trying again later: unreachable, 5xx or rate limited. */
    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }
}
