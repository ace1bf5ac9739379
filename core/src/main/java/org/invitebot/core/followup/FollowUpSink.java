package org.invitebot.core.followup;

/**
 * Where follow-ups are told, implemented by a chat adapter. Each call may be repeated after a crash,
 * so an implementation must deliver idempotently (e.g. a transaction ID from the invitation and kind).
 */
public interface FollowUpSink {

    /** To the admin who made the invitation, in the thread of their command. */
    void tellInviter(FollowUp followUp);

    /** To the notifications room, if one is configured. */
    void announce(FollowUp.Enrolled enrolled);
}
