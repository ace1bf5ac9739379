package org.invitebot.core.port;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What the core needs from Authentik. Implementations throw {@link AuthentikException} for faults.
 */
public interface Authentik {

    Optional<AuthentikUser> userByUsername(String username);

    /** The user whose attribute {@code name} equals {@code value} exactly. */
    Optional<AuthentikUser> userByAttribute(String name, String value);

    /** Invitations whose name contains {@code fragment}, including expired ones not yet cleaned up. */
    List<Invitation> invitationsNamedLike(String fragment);

    Invitation create(NewInvitation invitation);

    /** The enrollment link for {@code invitation}: a credential, see API-NOTES §0.1. */
    URI enrollmentLink(Invitation invitation);
}
