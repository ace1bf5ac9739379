package org.invitebot.core.invite;

import java.util.LinkedHashMap;
import java.util.Map;

import org.invitebot.core.authz.Principal;
import org.invitebot.core.policy.DeliveryMode;
import org.invitebot.core.policy.InvitationPlan;

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
    public static final String DELIVERY = "invitebot_delivery";
    /** The command that made it: how a command resumed after a crash finds the invitation it already made. */
    public static final String COMMAND = "invitebot_command";
    /** The address in link mode: kept where Authentik's email policy does not look (SPEC §2 --link). */
    public static final String INVITEE_EMAIL = "invitee_email";

    private InvitationMarker() {
    }

    public static Map<String, Object> attributes(String name, String commandId, InvitationPlan plan, Principal requester) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(INVITATION, name);
        attributes.put(COMMAND, commandId);
        attributes.put(INVITED_BY, requester.display());
        attributes.put(REQUESTED_GROUPS, plan.groups());
        attributes.put(DELIVERY, plan.mode().label());
        if (plan.mode() != DeliveryMode.EMAIL) {
            plan.email().ifPresent(email -> attributes.put(INVITEE_EMAIL, email));
        }
        return attributes;
    }
}
