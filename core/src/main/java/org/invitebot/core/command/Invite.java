package org.invitebot.core.command;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code !invite <email | "Display Name"> [expiry] [group ...] [flags]}.
 *
 * <p>Fields hold what the admin typed; {@link org.invitebot.core.policy.InvitationPolicy} decides what
 * it means (mode, expiry, groups) so that every refusal is worded in one place.
 *
 * @param email the invitee's address when the first argument was one
 * @param displayName the quoted display name, or the value of {@code --name-of}
 * @param expiry the expiry as typed ({@code 7d}, {@code 2026-12-01}, {@code never}), when given
 * @param groups group names as typed, in order
 * @param link {@code --link}: link mode even though an address is given
 * @param multi {@code --multi}: not single-use
 * @param signal the number after {@code --signal}, as typed
 */
public record Invite(
        Optional<String> email,
        Optional<String> displayName,
        Optional<String> expiry,
        List<String> groups,
        boolean link,
        boolean multi,
        Optional<String> signal) implements Command {

    public Invite {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(expiry, "expiry");
        groups = List.copyOf(groups);
        Objects.requireNonNull(signal, "signal");
        if (email.isEmpty() && displayName.isEmpty()) {
            throw new IllegalArgumentException("an invitation needs an email address or a display name");
        }
    }

    /** The same invitation delivered over Signal to {@code number}, or not over Signal when empty. */
    public Invite withSignal(Optional<String> number) {
        return new Invite(email, displayName, expiry, groups, link, multi, number);
    }
}
