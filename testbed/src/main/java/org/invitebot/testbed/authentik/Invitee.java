package org.invitebot.testbed.authentik;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the invitee and Authentik's own machinery around an invitation, with the events Authentik
 * records (API-NOTES §3, §7): opening the link, enrolling through the flow, and the email task.
 */
final class Invitee {

    private final AuthentikState state;
    private final String baseUrl;
    /** The fixed data of invitations whose link was opened: the flow keeps it in its plan after a single-use one is gone. */
    private final Map<UUID, Map<String, Object>> openedFlows = new HashMap<>();

    Invitee(AuthentikState state, String baseUrl) {
        this.state = state;
        this.baseUrl = baseUrl;
    }

    /** The invitation stage runs: {@code invitation_used} (uuid as 32 hex), and a single-use invitation is deleted. */
    synchronized void openLink(UUID pk) {
        StoredInvitation invitation = state.invitation(pk)
                .orElseThrow(() -> new IllegalStateException("no invitation " + pk + ": the link does not work"));
        if (invitation.expires() != null && invitation.expires().isBefore(state.clock().instant())) {
            throw new IllegalStateException("invitation " + invitation.name() + " has expired: the link does not work");
        }
        openedFlows.put(pk, invitation.fixedData());
        state.recordEvent("invitation_used", Map.of(
                "invitation_uuid", pk.toString().replace("-", ""),
                "http_request", Map.of("path", "/api/v3/flows/executor/" + slug(invitation) + "/", "method", "GET")), null);
        if (invitation.singleUse()) {
            state.deleteInvitation(pk, null);
        }
    }

    /**
     * Completes the flow: the prompt data deep-merged with fixed_data (which wins), the user written with
     * {@code attributes} merged and {@code groups} discarded, then {@code model_created} and {@code user_write}.
     *
     * @return the new user's pk
     */
    synchronized int enroll(UUID pk, String username, String name, String email) {
        if (!openedFlows.containsKey(pk)) {
            openLink(pk);
        }
        Map<String, Object> promptData = new LinkedHashMap<>(Map.of("username", username, "name", name, "email", email));
        Map<String, Object> fixedData = openedFlows.remove(pk);
        fixedData.forEach(promptData::put);
        String finalUsername = String.valueOf(promptData.get("username"));
        int userPk = state.addUser(finalUsername, String.valueOf(promptData.get("name")),
                String.valueOf(promptData.get("email")), true);
        if (promptData.get("attributes") instanceof Map<?, ?> attributes) {
            attributes.forEach((key, value) -> state.setUserAttribute(finalUsername, String.valueOf(key), value));
        }
        state.recordEvent("model_created", Map.of("model", Map.of("app", "authentik_core", "model_name", "user",
                "pk", userPk, "name", promptData.get("name"))), null);
        Map<String, Object> written = new LinkedHashMap<>(promptData);
        written.put("created", true);
        state.recordEvent("user_write", written, finalUsername);
        return userPk;
    }

    /** The send_mail task delivered the invitation email: {@code email_sent} with the link in the body. */
    synchronized void sendInvitationEmail(UUID pk) {
        StoredInvitation invitation = state.invitation(pk).orElseThrow(() -> new IllegalStateException("no invitation " + pk));
        Object to = invitation.fixedData().get("email");
        if (to == null) {
            throw new IllegalStateException(invitation.name() + " has no fixed_data.email: the email policy sends nothing");
        }
        String link = baseUrl + "/if/flow/" + slug(invitation) + "/?itoken=" + pk;
        state.recordEvent("email_sent", Map.of(
                "message", "Email to " + to + " sent",
                "subject", "You have been invited",
                "body", "<html><body><p>You have been invited.</p><a href=\"" + link + "\">" + link + "</a></body></html>",
                "from_email", "authentik@example.org",
                "to_email", List.of(to)), null);
    }

    /** The send_mail task failed: {@code system_task_exception} naming the actor, with the error. */
    synchronized void failEmail(String error) {
        state.recordEvent("system_task_exception", Map.of(
                "actor", "authentik.stages.email.tasks.send_mail",
                "message", "Task send_mail encountered an error",
                "exception", error), null);
    }

    private String slug(StoredInvitation invitation) {
        return invitation.flow() == null ? "invitation-enrollment"
                : state.flow(invitation.flow()).map(AuthentikState.Flow::slug).orElse("invitation-enrollment");
    }
}
