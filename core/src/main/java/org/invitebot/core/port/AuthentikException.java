package org.invitebot.core.port;

/**
 * Authentik could not do what was asked. The message is written for the admin who sent the command
 * and never contains the token.
 */
public class AuthentikException extends RuntimeException {

    private final boolean transientFault;

    public AuthentikException(String message, boolean transientFault, Throwable cause) {
        super(message, cause);
        this.transientFault = transientFault;
    }

    public AuthentikException(String message, boolean transientFault) {
        this(message, transientFault, null);
    }

    /** True when trying again later may succeed (Authentik unreachable, 5xx); false for refusals. */
    public boolean isTransient() {
        return transientFault;
    }
}
