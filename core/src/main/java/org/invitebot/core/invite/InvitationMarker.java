package org.invitebot.core.invite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.invitebot.core.authz.Principal;
import org.invitebot.core.command.Invite;
import org.invitebot.core.policy.DeliveryMode;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.port.Invitation;

/**
 * The bot's metadata under {@code fixed_data.attributes}. Authentik copies it into the new user's
 * attributes and into the {@code user_write} event, which is how an enrollment is tied back to its
 * invitation (API-NOTES §0.2). No key may contain KEY, TOKEN, PASS, SECRET, API or SIGNATURE:
 * Authentik masks such keys in events.
 */
public final class InvitationMarker {

    public static final String INVITATION = "invitebot_invitation";
    public static final String INVITED_BY = "invited_by";
    public static final String REQUESTED_GROUPS = "requested_groups";
    /** The member who asked for it, when an admin approved a request; {@link #INVITED_BY} is then the approver. */
    public static final String REQUESTED_BY = "requested_by";
    public static final String APPROVED_BY = "approved_by";
    /** The request an approval answered: how a later approval finds what an earlier one made before it gave up. */
    public static final String REQUEST = "invitebot_request";
    public static final String DELIVERY = "invitebot_delivery";
    /** The command that made it: how a command resumed after a crash finds the invitation it already made. */
    public static final String COMMAND = "invitebot_command";
    /** The address in link mode: kept where Authentik's email policy does not look (SPEC §2 --link). */
    public static final String INVITEE_EMAIL = "invitee_email";

    private InvitationMarker() {
    }

    /**
     * An {@code !invite} for the invitee of {@code old}, as {@code !reissue} makes it: same address or name,
     * mode, groups and single-use; a multi-use one gets 48h unless an expiry is given. Empty when the
     * invitation names nobody.
     */
    public static Optional<Invite> sameInvitee(Invitation old, Optional<String> expiry) {
        Map<String, Object> attributes = old.attributes();
        Optional<String> keptEmail = attributes.get(INVITEE_EMAIL) instanceof String email ? Optional.of(email) : Optional.empty();
        Optional<String> email = old.email().or(() -> keptEmail);
        if (email.isEmpty() && old.displayName().isEmpty()) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        if (attributes.get(REQUESTED_GROUPS) instanceof List<?> requested) {
            requested.forEach(group -> groups.add(String.valueOf(group)));
        }
        boolean multi = !old.singleUse();
        return Optional.of(new Invite(email, old.displayName(),
                expiry.or(() -> multi ? Optional.of("48h") : Optional.empty()),
                groups, old.email().isEmpty() && email.isPresent(), multi, Optional.empty()));
    }

    /** @param approval the member's request {@code requester} approved, if any */
    public static Map<String, Object> attributes(String name, String commandId, InvitationPlan plan, Principal requester,
            Optional<RequestApproval> approval) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(INVITATION, name);
        attributes.put(COMMAND, commandId);
        attributes.put(INVITED_BY, requester.display());
        approval.ifPresent(request -> {
            attributes.put(REQUESTED_BY, request.requester());
            attributes.put(APPROVED_BY, requester.display());
            attributes.put(REQUEST, request.requestKey());
        });
        attributes.put(REQUESTED_GROUPS, plan.groups());
        attributes.put(DELIVERY, plan.mode().label());
        if (plan.mode() != DeliveryMode.EMAIL) {
            plan.email().ifPresent(email -> attributes.put(INVITEE_EMAIL, email));
        }
        return attributes;
    }
}
