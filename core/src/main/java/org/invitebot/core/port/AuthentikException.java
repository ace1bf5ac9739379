package org.invitebot.core.port;

/**
 * Authentik could not do what was asked. The message is written for the admin who sent the command
 * and never contains the token.
 */
public class AuthentikException extends RuntimeException {

    private final boolean transientFault;
    private final boolean notFound;

    public AuthentikException(String message, boolean transientFault, Throwable cause) {
        this(message, transientFault, false, cause);
    }

    public AuthentikException(String message, boolean transientFault, boolean notFound, Throwable cause) {
        super(message, cause);
        this.transientFault = transientFault;
        this.notFound = notFound;
    }

    /** Authentik answered 404: the object is not (or no longer) there. */
    public boolean isNotFound() {
        return notFound;
    }

    public AuthentikException(String message, boolean transientFault) {
        this(message, transientFault, null);
    }

    /** True when trying again later may succeed (Authentik unreachable, 5xx); false for refusals. */
    public boolean isTransient() {
        return transientFault;
    }
}
