package org.invitebot.core.followup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.core.invite.InvitationMarker;
import org.invitebot.core.policy.DeliveryMode;
import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.AuthentikEvent;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.core.port.AuthentikUser;
import org.invitebot.core.store.AuditEntry;
import org.invitebot.core.store.BotInvitation;
import org.invitebot.core.store.StateStore;

/**
 * The runbook's last steps, done by the bot (SPEC §4): confirming the email, adding the new user to
 * the requested groups, telling the inviter, and cleaning up expired invitations. Every step is marked
 * in the store once done, so a restart in the middle repeats nothing.
 */
public final class FollowUps {

    /** The event actions the watcher asks Authentik for. */
    public static final List<String> ACTIONS = List.of("user_write", "email_sent", "invitation_used", "system_task_exception");

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);
    private static final Pattern LINK_PK = Pattern.compile("itoken=([0-9a-fA-F-]{36})");
    private static final Duration RECENT = Duration.ofDays(31);
    /**
     * Authentik's clock and ours differ, and the bot records an invitation only after Authentik answered,
     * while the mail task may already have run: a failure this close to an invitation counts for it.
     */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(10);

    private final Authentik authentik;
    private final StateStore store;
    private final FollowUpSink sink;
    private final Duration emailConfirmTimeout;
    private final Duration abandonWindow;
    private final Clock clock;

    /**
     * @param abandonWindow how long after a link was opened without an account the inviter is told
     */
    public FollowUps(Authentik authentik, StateStore store, FollowUpSink sink, Duration emailConfirmTimeout,
            Duration abandonWindow, Clock clock) {
        this.authentik = authentik;
        this.store = store;
        this.sink = sink;
        this.emailConfirmTimeout = emailConfirmTimeout;
        this.abandonWindow = abandonWindow;
        this.clock = clock;
    }

    /** @throws AuthentikException when Authentik fails; the event is then handled again on the next poll */
    public void on(AuthentikEvent event) {
        switch (event.action()) {
            case "user_write" -> enrolled(event);
            case "email_sent" -> emailSent(event);
            case "invitation_used" -> opened(event);
            case "system_task_exception" -> taskFailed(event);
            default -> log.debug("ignored event {} ({})", event.pk(), event.action());
        }
    }

    /**
     * What waits on the clock: email never confirmed, link opened and abandoned. Only the invitations
     * that can be due are read, so a tick stays short however many invitations the month has seen: it
     * holds the state file while it reads, and commands wait for that.
     */
    public void tick() {
        Instant now = clock.instant();
        Map<String, Instant> confirmed = store.marked("email-confirmed");
        Map<String, Instant> enrolled = store.marked("enrolled");
        for (BotInvitation invitation : store.invitationsCreatedBetween(now.minus(RECENT), now.minus(emailConfirmTimeout))) {
            String pk = invitation.pk().toString();
            if (invitation.mode().equals(DeliveryMode.EMAIL.label()) && !confirmed.containsKey(pk) && !enrolled.containsKey(pk)) {
                once(new FollowUp.EmailNotConfirmed(invitation, Optional.empty()));
            }
        }
        store.marked("opened").forEach((pk, openedAt) -> {
            if (openedAt.isAfter(now.minus(RECENT)) && openedAt.plus(abandonWindow).isBefore(now) && !enrolled.containsKey(pk)) {
                store.invitation(UUID.fromString(pk)).ifPresent(invitation -> once(new FollowUp.LinkOpenedNoAccount(invitation)));
            }
        });
    }

    /** Deletes bot-made invitations past their expiry and tells each inviter once. */
    public void sweep() {
        Instant now = clock.instant();
        for (BotInvitation invitation : store.invitations()) {
            String pk = invitation.pk().toString();
            if (!invitation.expiresAt().isBefore(now) || store.markedAt(pk, "expired").isPresent()) {
                continue;
            }
            authentik.delete(invitation.pk());
            if (store.markedAt(pk, "enrolled").isEmpty()) {
                sink.tellInviter(new FollowUp.ExpiredUnused(invitation));
            }
            store.audit(new AuditEntry(now, "invitebot", "sweep", "expired", invitation.name() + " " + pk));
            store.markOnce(pk, "expired");
        }
    }

    private void enrolled(AuthentikEvent event) {
        if (!Boolean.TRUE.equals(event.context().get("created"))
                || !(event.context().get("attributes") instanceof Map<?, ?> attributes)
                || !(attributes.get(InvitationMarker.INVITATION) instanceof String name)) {
            return;
        }
        Optional<BotInvitation> found = store.invitationNamed(name);
        if (found.isEmpty()) {
            return;
        }
        BotInvitation invitation = found.get();
        String pk = invitation.pk().toString();
        Optional<AuthentikUser> user = authentik.userByAttribute(InvitationMarker.INVITATION, name);
        if (user.isEmpty()) {
            log.warn("{} enrolled with {}, but no user carries its marker; groups not added", event.username().orElse("?"), name);
            return;
        }
        List<String> added = new ArrayList<>();
        Map<String, String> notAdded = new LinkedHashMap<>();
        for (String group : invitation.requestedGroups()) {
            if (store.markedAt(pk, "group:" + group).isPresent()) {
                added.add(group);
                continue;
            }
            Optional<UUID> groupPk = authentik.groupNamed(group);
            if (groupPk.isEmpty()) {
                notAdded.put(group, "the group no longer exists");
                continue;
            }
            try {
                authentik.addUserToGroup(groupPk.get(), user.get().pk());
                store.markOnce(pk, "group:" + group);
                added.add(group);
            } catch (AuthentikException e) {
                if (e.isTransient()) {
                    throw e;
                }
                notAdded.put(group, e.getMessage());
            }
        }
        store.markOnce(pk, "enrolled");
        FollowUp.Enrolled enrolled = new FollowUp.Enrolled(invitation, user.get().username(), user.get().name(), added, notAdded);
        store.audit(new AuditEntry(clock.instant(), user.get().username(), "enroll", "enrolled",
                name + (added.isEmpty() ? "" : "; added to " + String.join(", ", added))
                        + (notAdded.isEmpty() ? "" : "; not added to " + String.join(", ", notAdded.keySet()))));
        if (store.markedAt(pk, "announced").isEmpty()) {
            sink.announce(enrolled);
            store.markOnce(pk, "announced");
        }
        once(enrolled);
    }

    private void emailSent(AuthentikEvent event) {
        Matcher link = LINK_PK.matcher(String.valueOf(event.context().get("body")));
        while (link.find()) {
            Optional<BotInvitation> invitation = parse(link.group(1)).flatMap(store::invitation);
            if (invitation.isPresent() && store.markedAt(invitation.get().pk().toString(), "email-confirmed").isEmpty()) {
                sink.tellInviter(new FollowUp.EmailDelivered(invitation.get()));
                store.markOnce(invitation.get().pk().toString(), "email-confirmed");
            }
        }
    }

    private void opened(AuthentikEvent event) {
        String hex = String.valueOf(event.context().get("invitation_uuid"));
        if (hex.length() == 32) {
            String dashed = hex.replaceFirst("(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}+)",
                    "$1-$2-$3-$4-$5");
            parse(dashed).flatMap(store::invitation).ifPresent(invitation -> store.markOnce(invitation.pk().toString(), "opened"));
        }
    }

    /** A failed mail task names no invitation, so every email invitation still waiting is told. */
    private void taskFailed(AuthentikEvent event) {
        String context = event.context().toString().toLowerCase(Locale.ROOT);
        if (!context.contains("mail")) {
            return;
        }
        String failure = String.valueOf(event.context().getOrDefault("exception", event.context().getOrDefault("message", "")));
        for (BotInvitation invitation : recent(clock.instant())) {
            String pk = invitation.pk().toString();
            if (invitation.mode().equals(DeliveryMode.EMAIL.label())
                    && !invitation.createdAt().isAfter(event.created().plus(CLOCK_SLACK))
                    && invitation.createdAt().plus(emailConfirmTimeout).isAfter(event.created())
                    && store.markedAt(pk, "email-confirmed").isEmpty()) {
                once(new FollowUp.EmailNotConfirmed(invitation, Optional.of(failure)));
            }
        }
    }

    /** Tells the inviter, unless this kind was told before for this invitation. */
    private void once(FollowUp followUp) {
        String pk = followUp.invitation().pk().toString();
        String told = "told:" + followUp.kind();
        if (store.markedAt(pk, told).isEmpty()) {
            sink.tellInviter(followUp);
            store.markOnce(pk, told);
        }
    }

    private List<BotInvitation> recent(Instant now) {
        return store.invitations().stream().filter(invitation -> invitation.createdAt().isAfter(now.minus(RECENT))).toList();
    }

    private static Optional<UUID> parse(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
