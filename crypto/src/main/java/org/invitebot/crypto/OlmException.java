package org.invitebot.crypto;

/** Why a message, key or pickle was refused. The message names the reason, never key material. */
public final class OlmException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The typed reasons; nothing is ever decrypted "best effort". */
    public enum Reason {
        BAD_MAC,
        BAD_SIGNATURE,
        BAD_MESSAGE_FORMAT,
        BAD_MESSAGE_VERSION,
        /** A message key no longer held: a replay, or older than what was kept. */
        UNKNOWN_MESSAGE_INDEX,
        MESSAGE_GAP_TOO_LARGE,
        MISSING_ONE_TIME_KEY,
        BAD_PICKLE_KEY,
        BAD_PICKLE
    }

    private final Reason reason;

    OlmException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
