package org.invitebot.core.followup;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.invitebot.core.store.BotInvitation;

/** What happened to an invitation after it was made, for the adapter to tell the inviter (SPEC §4). */
public sealed interface FollowUp {

    BotInvitation invitation();

    /** A short stable name, for transaction IDs and the audit log. */
    String kind();

    /** Authentik logged the email with this invitation's link as sent. */
    record EmailDelivered(BotInvitation invitation) implements FollowUp {
        @Override
        public String kind() {
            return "email-delivered";
        }
    }

    /** @param failure Authentik's error when the mail task failed; empty when nothing came within the timeout */
    record EmailNotConfirmed(BotInvitation invitation, Optional<String> failure) implements FollowUp {
        @Override
        public String kind() {
            return "email-not-confirmed";
        }
    }

    /** The link was opened (so a single-use one is gone) but no account followed. */
    record LinkOpenedNoAccount(BotInvitation invitation) implements FollowUp {
        @Override
        public String kind() {
            return "opened-no-account";
        }
    }

    /**
     * @param added      groups the user is now in
     * @param notAdded   group to why it could not be added
     */
    record Enrolled(BotInvitation invitation, String username, String displayName, List<String> added,
            Map<String, String> notAdded) implements FollowUp {
        public Enrolled {
            added = List.copyOf(added);
            notAdded = Map.copyOf(notAdded);
        }

        @Override
        public String kind() {
            return "enrolled";
        }
    }

    /** Past its expiry without an enrollment; removed from Authentik. */
    record ExpiredUnused(BotInvitation invitation) implements FollowUp {
        @Override
        public String kind() {
            return "expired";
        }
    }
}
