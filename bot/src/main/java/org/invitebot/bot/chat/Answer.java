package org.invitebot.bot.chat;

import org.invitebot.bot.text.Reply;
import org.invitebot.core.invite.Outcome;

/**
 * What a command came to: the reply, and whether the command did what was asked (a chat client may show
 * it at a glance, e.g. as a reaction), or was refused or failed.
 */
public record Answer(Reply reply, boolean done) {

    /** Done unless the outcome is a refusal or a failure, or nothing was done (a request someone else decided). */
    public static Answer of(Reply reply, Outcome outcome) {
        boolean failed = outcome instanceof Outcome.Refused || outcome instanceof Outcome.NotAuthorised
                || outcome instanceof Outcome.Failed || outcome instanceof Outcome.NotDelivered || outcome instanceof Outcome.Ambiguous
                || outcome instanceof Outcome.RequestAlreadyDecided;
        return new Answer(reply, !failed);
    }

    public static Answer done(Reply reply) {
        return new Answer(reply, true);
    }

    public static Answer refused(Reply reply) {
        return new Answer(reply, false);
    }
}
