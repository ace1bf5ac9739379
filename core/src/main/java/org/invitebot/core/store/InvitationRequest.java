package org.invitebot.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.invitebot.core.command.Request;

/**
 * A member's request for an invitation, and what became of it.
 *
 * @param commandId       the {@code !request} command: where the requester asked, and the key that makes a resumed
 *                        command find its request instead of opening a second
 * @param requester       the requester as shown (a Matrix user ID)
 * @param postEvent       the message in the approvers' room that asks for a decision; reactions to it decide
 * @param decidedBy       who approved or denied it
 * @param decisionCommand the command that decided it; it alone may finish an approval it claimed
 * @param invitationName  the invitation an approval made; while the request is open, the name an approval that gave
 *                        up on Authentik took (that invitation may exist)
 * @param toldAt          when the requester was told how it ended
 */
public record InvitationRequest(long id, String commandId, String requester, Request asked, Instant createdAt,
        Instant expiresAt, RequestState state, Optional<String> postEvent, Optional<String> decidedBy,
        Optional<String> decisionCommand, Optional<Instant> decidedAt, Optional<String> invitationName,
        Optional<String> denyReason, Optional<Instant> toldAt) {

    public InvitationRequest {
        Objects.requireNonNull(asked, "asked");
        Objects.requireNonNull(state, "state");
    }

    public List<String> groups() {
        return asked.groups();
    }
}
