package org.invitebot.core.authz;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.invitebot.core.port.AuthentikUser;

/** The answer to "may this sender run commands?". */
public sealed interface Authorization {

    /**
     * @param adminGroups the configured admin groups the user is in
     * @param grantable the groups this user may grant: the allow-list, narrowed by delegation
     */
    record Allowed(AuthentikUser user, List<String> adminGroups, Set<String> grantable) implements Authorization {
        public Allowed {
            adminGroups = List.copyOf(adminGroups);
            grantable = Set.copyOf(grantable);
        }
    }

    /** @param why for the audit log and the operator's logs; the sender only hears "not authorised" (SPEC §3) */
    record Denied(String why, Optional<String> mappedUsername) implements Authorization {

        public Denied(String why) {
            this(why, Optional.empty());
        }
    }
}
