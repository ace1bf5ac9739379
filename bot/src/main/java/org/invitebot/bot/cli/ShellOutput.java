package org.invitebot.bot.cli;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.invite.InvitationMarker;
import org.invitebot.core.invite.Outcome;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.store.InvitationRequest;
import org.invitebot.core.store.RequestState;

/** What a shell command prints: the chat reply's plain text, or one JSON object for scripts. */
final class ShellOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplyText text;
    private final boolean json;

    ShellOutput(ReplyText text, boolean json) {
        this.text = text;
        this.json = json;
    }

    String render(Outcome outcome) {
        return json ? asJson(outcome).toString() : asText(outcome);
    }

    /** The shell is the operator's own terminal, so a link is printed, as in a private room. */
    private String asText(Outcome outcome) {
        if (outcome instanceof Outcome.Created created) {
            return text.created(created).then(text.link(created)).body();
        } else if (outcome instanceof Outcome.Reissued reissued) {
            return text.reissued(reissued).then(text.link(reissued.created())).body();
        } else if (outcome instanceof Outcome.NotDelivered notDelivered && !notDelivered.revoked()) {
            return text.notDelivered(notDelivered).then(text.link(notDelivered.created())).body();
        }
        return text.of(outcome).body();
    }

    private ObjectNode asJson(Outcome outcome) {
        ObjectNode node = JSON.createObjectNode();
        if (outcome instanceof Outcome.Created created) {
            node.put("outcome", "created");
            node.set("invitation", invitation(created.invitation()));
            node.put("link", created.link().toString());
        } else if (outcome instanceof Outcome.Reissued reissued) {
            node.put("outcome", "reissued");
            node.set(reissued.revoked() ? "revoked" : "replaced", invitation(reissued.replaced()));
            node.set("invitation", invitation(reissued.created().invitation()));
            node.put("link", reissued.created().link().toString());
        } else if (outcome instanceof Outcome.InvitationsListed listed) {
            node.put("outcome", "listed").put("count", listed.invitations().size());
            ArrayNode list = node.putArray("invitations");
            listed.invitations().forEach(invitation -> list.add(invitation(invitation)));
        } else if (outcome instanceof Outcome.Revoked revoked) {
            node.put("outcome", "revoked");
            node.set("invitation", invitation(revoked.invitation()));
        } else if (outcome instanceof Outcome.Ambiguous ambiguous) {
            node.put("outcome", "ambiguous").put("reason", text.ambiguous(ambiguous).body());
            ArrayNode list = node.putArray("candidates");
            ambiguous.candidates().forEach(invitation -> list.add(invitation(invitation)));
        } else if (outcome instanceof Outcome.Refused refused) {
            node.put("outcome", "refused").put("reason", refused.reason());
        } else if (outcome instanceof Outcome.Failed failed) {
            node.put("outcome", "failed").put("reason", failed.message());
        } else if (outcome instanceof Outcome.NotDelivered notDelivered) {
            node.put("outcome", "not_delivered").put("reason", text.notDelivered(notDelivered).body())
                    .put("revoked", notDelivered.revoked());
            node.set("invitation", invitation(notDelivered.created().invitation()));
            if (!notDelivered.revoked()) {
                node.put("link", notDelivered.created().link().toString());
            }
        } else if (outcome instanceof Outcome.RequestsListed listed) {
            node.put("outcome", "listed").put("count", listed.requests().size());
            ArrayNode list = node.putArray("requests");
            listed.requests().forEach(request -> list.add(request(request)));
        } else if (outcome instanceof Outcome.RequestApproved approved) {
            node.put("outcome", "approved").put("text", asText(outcome));
            node.set("request", request(approved.request()));
            node.set("invitation", invitation(approved.created().invitation()));
        } else if (outcome instanceof Outcome.RequestDenied denied) {
            node.put("outcome", "denied").put("text", asText(outcome));
            node.set("request", request(denied.request()));
        } else if (outcome instanceof Outcome.RequestAlreadyDecided decided) {
            node.put("outcome", "already_decided").put("reason", asText(outcome));
            node.set("request", request(decided.request()));
        } else {
            node.put("outcome", "done").put("text", asText(outcome));
        }
        return node;
    }

    private static ObjectNode request(InvitationRequest request) {
        ObjectNode node = JSON.createObjectNode()
                .put("id", request.id())
                .put("state", request.state().name().toLowerCase(Locale.ROOT))
                .put("requester", request.requester())
                .put("created", request.createdAt().toString())
                .put("expires", request.expiresAt().toString());
        request.asked().email().ifPresent(email -> node.put("email", email));
        request.asked().displayName().ifPresent(name -> node.put("display_name", name));
        node.set("requested_groups", JSON.valueToTree(request.groups()));
        request.asked().reason().ifPresent(reason -> node.put("reason", reason));
        request.decidedBy().ifPresent(by -> node.put("decided_by", by));
        request.invitationName().filter(name -> request.state() == RequestState.APPROVED).ifPresent(name -> node.put("invitation", name));
        request.denyReason().ifPresent(reason -> node.put("deny_reason", reason));
        return node;
    }

    private static ObjectNode invitation(Invitation invitation) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", invitation.pk().toString())
                .put("name", invitation.name())
                .put("mode", invitation.email().isPresent() ? "email" : "link")
                .put("expires", invitation.expires() == null ? null : invitation.expires().toString())
                .put("single_use", invitation.singleUse())
                .put("created_by", invitation.createdBy());
        invitation.email().ifPresent(email -> node.put("email", email));
        invitation.displayName().ifPresent(name -> node.put("display_name", name));
        if (invitation.attributes().get(InvitationMarker.INVITED_BY) instanceof String invitedBy) {
            node.put("invited_by", invitedBy);
        }
        node.set("requested_groups", JSON.valueToTree(invitation.attributes().getOrDefault(InvitationMarker.REQUESTED_GROUPS,
                List.of())));
        return node;
    }
}
