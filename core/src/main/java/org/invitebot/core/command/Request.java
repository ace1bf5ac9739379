package org.invitebot.core.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code !request <email | "Display Name"> [group ...] [--reason "…"]}: a member asks the admins for an invitation.
 *
 * @param reason why, in the member's words, for the admins who decide
 */
public record Request(Optional<String> email, Optional<String> displayName, List<String> groups, Optional<String> reason)
        implements Command {

    public Request {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        groups = List.copyOf(groups);
        Objects.requireNonNull(reason, "reason");
        if (email.isEmpty() && displayName.isEmpty()) {
            throw new IllegalArgumentException("a request needs an email address or a display name");
        }
    }

    /** The invitation the request asks for, as an admin would type it: default expiry, single use. */
    public Invite asInvite() {
        return new Invite(email, displayName, Optional.empty(), groups, false, false, Optional.empty());
    }
}
