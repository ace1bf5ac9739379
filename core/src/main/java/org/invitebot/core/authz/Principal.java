package org.invitebot.core.authz;

/** Who sent a command, as the chat network names them. */
public sealed interface Principal permits Principal.MatrixUser, Principal.Operator {

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
