package org.invitebot.core.policy;

/** How the enrollment link reaches the invitee. */
public enum DeliveryMode {
    /** {@code fixed_data.email} is set, so Authentik's email policy mails the link. */
    EMAIL,
    /** The bot hands the link to the admin, who passes it on. */
    LINK,
    /** The bot sends the link to the invitee's phone over Signal. */
    SIGNAL;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
