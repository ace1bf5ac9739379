package org.invitebot.core.port;

/** A link that could not be handed over, with why in terms the admin can act on. */
public final class CourierException extends RuntimeException {

    /** Why a message was not delivered. */
    public enum Reason {
        /** The number has no account on the messenger. */
        NO_ACCOUNT,
        /** The recipient's safety number changed and is not trusted yet. */
        UNTRUSTED_IDENTITY,
        /** The messenger throttles the bot's account and wants a challenge solved. */
        RATE_LIMITED,
        /** The messenger's gateway did not answer. */
        UNREACHABLE,
        /** Any other refusal; the detail says what the gateway answered. */
        REFUSED
    }

    private final Reason reason;

    public CourierException(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
