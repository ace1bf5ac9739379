package org.invitebot.core.authz;

import org.invitebot.core.port.AuthentikUser;

/** The answer to "may this sender ask for invitations?": members may, admins decide. */
public sealed interface Membership {

    /** @param user the active Authentik user the sender maps to */
    record Member(AuthentikUser user) implements Membership {
    }

    /** @param why for the audit log and the operator's logs; the sender hears only that they may not ask */
    record NotMember(String why) implements Membership {
    }
}
