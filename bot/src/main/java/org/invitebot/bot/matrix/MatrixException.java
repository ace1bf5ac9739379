package org.invitebot.bot.matrix;

import java.time.Duration;
import java.util.Optional;

/** The homeserver refused a request or could not be reached. Never carries the access token. */
public final class MatrixException extends RuntimeException {

    private final int status;
    private final String errcode;
    private final Duration retryAfter;
    private final String authSession;

    MatrixException(String message, int status, String errcode, Throwable cause) {
        this(message, status, errcode, null, cause);
    }

    MatrixException(String message, int status, String errcode, Duration retryAfter, Throwable cause) {
        this(message, status, errcode, retryAfter, null, cause);
    }

    private MatrixException(String message, int status, String errcode, Duration retryAfter, String authSession, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errcode = errcode;
        this.retryAfter = retryAfter;
        this.authSession = authSession;
    }

    /** The homeserver wants the account to prove itself (User-Interactive Authentication) in {@code session}. */
    static MatrixException authenticationNeeded(String session) {
        return new MatrixException("the homeserver asks for the account's password (user-interactive authentication)", 401,
                "", null, session, null);
    }

    /** The User-Interactive Authentication session, when the homeserver asked the account to prove itself. */
    public Optional<String> authSession() {
        return Optional.ofNullable(authSession);
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
