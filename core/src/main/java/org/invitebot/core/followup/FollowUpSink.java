package org.invitebot.core.followup;

import java.util.List;

/**
 * Where follow-ups are told, implemented by a chat adapter. Each call may be repeated after a crash,
 * so an implementation must deliver idempotently (e.g. a transaction ID from the invitation and kind).
 */
public interface FollowUpSink {

    /** To the admin who made the invitation, in the thread of their command. */
    void tellInviter(FollowUp followUp);

    /** To the notifications room, if one is configured. */
    void announce(FollowUp.Enrolled enrolled);

    /** Each follow-up to every sink in turn; each sink tells only the inviters it can reach. */
    static FollowUpSink all(List<FollowUpSink> sinks) {
        List<FollowUpSink> copy = List.copyOf(sinks);
        return new FollowUpSink() {
            @Override
            public void tellInviter(FollowUp followUp) {
                copy.forEach(sink -> sink.tellInviter(followUp));
            }

            @Override
            public void announce(FollowUp.Enrolled enrolled) {
                copy.forEach(sink -> sink.announce(enrolled));
            }
        };
    }
}
