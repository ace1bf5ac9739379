package org.invitebot.bot.signal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.followup.FollowUp;
import org.invitebot.core.followup.FollowUpSink;
import org.invitebot.core.store.StateStore;

/** Tells an admin who invited over Signal what became of the invitation, over Signal. Announcements are Matrix's. */
public final class SignalFollowUps implements FollowUpSink {

    private static final Logger log = LoggerFactory.getLogger(SignalFollowUps.class);

    private final SignalClient signal;
    private final StateStore store;
    private final ReplyText text;

    public SignalFollowUps(SignalClient signal, StateStore store, ReplyText text) {
        this.signal = signal;
        this.store = store;
        this.text = text;
    }

    @Override
    public void tellInviter(FollowUp followUp) {
        String commandId = followUp.invitation().commandId();
        if (commandId == null) {
            return;
        }
        store.command(commandId).filter(record -> record.command().source().equals(SignalBot.SOURCE)).ifPresent(record -> {
            signal.send(record.command().conversation(), text.followUp(followUp).body());
            log.info("told the inviter of {} over Signal: {}", followUp.invitation().name(), followUp.kind());
        });
    }

    @Override
    public void announce(FollowUp.Enrolled enrolled) {
        // the notifications room is in Matrix
    }
}
