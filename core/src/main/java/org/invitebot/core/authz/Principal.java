package org.invitebot.core.authz;

/** Who sent a command, as the chat network names them. */
public sealed interface Principal permits Principal.MatrixUser {

    /** How the sender is named in replies and audit entries. */
    String display();

    /** @param userId a full Matrix user ID such as {@code @alice:example.org} */
    record MatrixUser(String userId) implements Principal {
        @Override
        public String display() {
            return userId;
        }
    }
}
