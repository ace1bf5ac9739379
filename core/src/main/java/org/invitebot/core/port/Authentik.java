package org.invitebot.core.port;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the core needs from Authentik. Implementations throw {@link AuthentikException} for faults.
 */
public interface Authentik {

    Optional<AuthentikUser> userByUsername(String username);

    /** The user whose attribute {@code name} equals {@code value} exactly. */
    Optional<AuthentikUser> userByAttribute(String name, String value);

    /** Invitations whose name contains {@code fragment}, including expired ones not yet cleaned up. */
    List<Invitation> invitationsNamedLike(String fragment);

    /** Every invitation, all pages walked, including expired ones not yet cleaned up. */
    List<Invitation> invitations();

    Invitation create(NewInvitation invitation);

    /** Deletes it; the link stops working at once. Deleting one that is already gone is not an error. */
    void delete(UUID pk);

    /** Events with one of {@code actions}, newest first; {@code page} counts from 1, {@code pageSize} is at most 100. */
    EventPage events(List<String> actions, int page, int pageSize);

    /** The pk of the group with exactly this name, if there is one. */
    Optional<UUID> groupNamed(String name);

    /** Adds the user to the group, the one safe way (never by PATCHing the user's groups, API-NOTES §0.3). */
    void addUserToGroup(UUID group, int userPk);

    /** The enrollment link for {@code invitation}: a credential, see API-NOTES §0.1. */
    URI enrollmentLink(Invitation invitation);
}
