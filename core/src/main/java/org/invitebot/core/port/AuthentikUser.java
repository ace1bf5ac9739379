package org.invitebot.core.port;

import java.util.Set;

/**
 * A user as Authentik knows them.
 *
 * @param pk Authentik's integer primary key (what {@code add_user} wants)
 * @param groups names of the groups the user is a direct member of
 */
public record AuthentikUser(int pk, String username, String name, boolean active, Set<String> groups) {

    public AuthentikUser {
        groups = Set.copyOf(groups);
    }
}
