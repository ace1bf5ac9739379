package org.invitebot.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code invitations:} section. The loader guarantees
 * {@code minExpiry ≤ defaultExpiryEmail, defaultExpiryLink ≤ maxExpiry}.
 *
 * @param emailConfirmTimeout how long a sent email may take to show up as sent before the bot says so
 * @param eventsPollInterval  how often Authentik's event log is read
 * @param linkAbandonWindow   how long after a link was opened without an account the inviter is told
 */
public record InvitationSettings(
        Duration defaultExpiryEmail,
        Duration defaultExpiryLink,
        Duration minExpiry,
        Duration maxExpiry,
        Duration sweepInterval,
        Duration emailConfirmTimeout,
        Duration eventsPollInterval,
        Duration linkAbandonWindow) {

    public InvitationSettings {
        Objects.requireNonNull(defaultExpiryEmail, "defaultExpiryEmail");
        Objects.requireNonNull(defaultExpiryLink, "defaultExpiryLink");
        Objects.requireNonNull(minExpiry, "minExpiry");
        Objects.requireNonNull(maxExpiry, "maxExpiry");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(emailConfirmTimeout, "emailConfirmTimeout");
        Objects.requireNonNull(eventsPollInterval, "eventsPollInterval");
        Objects.requireNonNull(linkAbandonWindow, "linkAbandonWindow");
    }
}
