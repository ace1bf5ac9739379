package org.invitebot.core.authz;

import org.invitebot.core.privacy.Mask;

/** Who sent a command, as the chat network names them. */
public sealed interface Principal permits Principal.MatrixUser, Principal.SignalUser, Principal.Operator {

    /** How the sender is named in replies and audit entries. */
    String display();

    /** @param userId a full Matrix user ID such as {@code @alice:example.org} */
    record MatrixUser(String userId) implements Principal {
        @Override
        public String display() {
            return userId;
        }
    }

    /**
     * An admin writing to the bot's Signal number, known by {@code signal.admins}.
     *
     * @param number   the sender's number (E.164); shown masked
     * @param username the Authentik username {@code signal.admins} maps the number to
     */
    record SignalUser(String number, String username) implements Principal {
        @Override
        public String display() {
            return username + " (Signal " + Mask.phone(number) + ")";
        }
    }

    /**
     * Whoever runs {@code invitebot invite ...} at a shell with the configuration file: they hold the
     * bot's own token, so they act as the bot's Authentik account and may grant every invitable group.
     *
     * @param account the Authentik username the token belongs to
     */
    record Operator(String account) implements Principal {
        @Override
        public String display() {
            return "shell (as " + account + ")";
        }
    }
}
