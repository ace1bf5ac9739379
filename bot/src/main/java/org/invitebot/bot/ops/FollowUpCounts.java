package org.invitebot.bot.ops;

import org.invitebot.core.followup.FollowUp;
import org.invitebot.core.followup.FollowUpSink;

/** Counts enrollments and invitations that expired unused, as the follow-ups find them. */
public final class FollowUpCounts implements FollowUpSink {

    private final Telemetry telemetry;

    public FollowUpCounts(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void tellInviter(FollowUp followUp) {
        if (followUp instanceof FollowUp.ExpiredUnused) {
            telemetry.invitations("expired");
        }
    }

    /** Called once per enrollment, whether or not a notifications room is configured. */
    @Override
    public void announce(FollowUp.Enrolled enrolled) {
        telemetry.invitations("enrolled");
    }
}
