package org.invitebot.core.port;

/** Hands an enrollment link to the invitee in person, over a messenger (Signal): {@code !invite ... --signal}. */
public interface LinkCourier {

    /**
     * Sends the message; returns once the messenger accepted it.
     *
     * @throws CourierException saying why it could not be sent
     */
    void deliver(LinkDelivery delivery);
}
