package org.invitebot.core.store;

/** The state file cannot be read or written. Names the file; the cause says why. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
