package org.invitebot.bot.matrix;

import java.time.Duration;
import java.util.Optional;

/** The homeserver refused a request or could not be reached. Never carries the access token. */
public final class MatrixException extends RuntimeException {

    private final int status;
    private final String errcode;
    private final Duration retryAfter;

    MatrixException(String message, int status, String errcode, Throwable cause) {
        this(message, status, errcode, null, cause);
    }

    MatrixException(String message, int status, String errcode, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errcode = errcode;
        this.retryAfter = retryAfter;
    }

    /** How long a rate-limited request should wait before it is tried again, if the homeserver said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
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
