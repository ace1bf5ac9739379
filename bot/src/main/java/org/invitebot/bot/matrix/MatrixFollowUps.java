package org.invitebot.bot.matrix;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.text.Reply;
import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.followup.FollowUp;
import org.invitebot.core.followup.FollowUpSink;
import org.invitebot.core.store.CommandRecord;
import org.invitebot.core.store.InvitationRequest;
import org.invitebot.core.store.StateStore;

/**
 * Tells follow-ups in Matrix: to the inviter as a reply in the thread of their command, and enrollments
 * to the notifications room. Transaction IDs come from the invitation and the kind, so a follow-up
 * repeated after a crash is posted once.
 */
public final class MatrixFollowUps implements FollowUpSink {

    private static final Logger log = LoggerFactory.getLogger(MatrixFollowUps.class);

    private final MatrixClient matrix;
    private final StateStore store;
    private final ReplyText text;
    private final Optional<String> notificationsRoom;

    public MatrixFollowUps(MatrixClient matrix, StateStore store, ReplyText text, Optional<String> notificationsRoom) {
        this.matrix = matrix;
        this.store = store;
        this.text = text;
        this.notificationsRoom = notificationsRoom;
    }

    @Override
    public void tellInviter(FollowUp followUp) {
        if (followUp instanceof FollowUp.Enrolled) {
            // also when the approval came from a shell, which has no thread to tell
            tellRequester(followUp);
        }
        Optional<CommandRecord> command = Optional.ofNullable(followUp.invitation().commandId()).flatMap(store::command)
                .filter(record -> record.command().source().equals(MatrixBot.SOURCE)
                        || record.command().source().equals(MatrixBot.REACTION));
        if (command.isEmpty()) {
            log.debug("{} of {}: not asked for in Matrix", followUp.kind(), followUp.invitation().name());
            return;
        }
        ObjectNode content = MatrixBot.content(text.followUp(followUp));
        content.set("m.relates_to", Relations.followUp(command.get().command()));
        matrix.send(command.get().command().conversation(), "m.room.message",
                TxnIds.of(followUp.invitation().pk().toString(), followUp.kind()), content);
    }

    /** The member who asked for the invitation hears that their invitee is in, where they asked. */
    private void tellRequester(FollowUp followUp) {
        Optional<CommandRecord> asked = store.requestFor(followUp.invitation().name()).map(InvitationRequest::commandId)
                .flatMap(store::command);
        if (asked.isPresent()) {
            ObjectNode content = MatrixBot.content(text.followUp(followUp));
            content.set("m.relates_to", Relations.answer(asked.get().command()));
            matrix.send(asked.get().command().conversation(), "m.room.message",
                    TxnIds.of(followUp.invitation().pk().toString(), followUp.kind() + "-requester"), content);
        }
    }

    @Override
    public void announce(FollowUp.Enrolled enrolled) {
        notificationsRoom.ifPresent(room -> {
            Reply reply = text.announcement(enrolled, store.requestFor(enrolled.invitation().name()).map(InvitationRequest::requester));
            matrix.send(room, "m.room.message", TxnIds.of(enrolled.invitation().pk().toString(), "announce"),
                    MatrixBot.content(reply));
        });
    }
}
