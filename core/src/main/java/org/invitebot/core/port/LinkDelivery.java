package org.invitebot.core.port;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What the invitee is told along with the link.
 *
 * @param recipient   the invitee's phone number (E.164)
 * @param inviteeName the display name the invitation was made for
 * @param invitedBy   who asked for the invitation, as chat users know them
 * @param singleUse   whether the link stops working once opened
 */
public record LinkDelivery(String recipient, Optional<String> inviteeName, URI link, Instant expires, String invitedBy,
        boolean singleUse) {
}
