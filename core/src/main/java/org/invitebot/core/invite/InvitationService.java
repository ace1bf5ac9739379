package org.invitebot.core.invite;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.invitebot.core.authz.Principal;
import org.invitebot.core.policy.DeliveryMode;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.port.NewInvitation;
import org.invitebot.core.store.BotInvitation;
import org.invitebot.core.store.StateStore;

/**
 * Creates the invitation a plan describes, under a name no other invitation has, exactly once per
 * command: the name is saved before Authentik is asked, and a command resumed after a crash first looks
 * for an invitation of that name carrying its command ID (API-NOTES §0.9). Free names come from the
 * {@link NameBook}, so a command costs Authentik one request, the create.
 */
public final class InvitationService {

    private static final Pattern PK_PREFIX = Pattern.compile("[0-9a-fA-F][0-9a-fA-F-]{3,35}");

    private final Authentik authentik;
    private final StateStore store;
    private final Clock clock;
    private final NameBook names;

    /**
     * Names reserved by commands a stop interrupted are held from here on, before any new command can
     * claim one: the resumed command creates its invitation under it, and only it.
     */
    public InvitationService(Authentik authentik, StateStore store, Clock clock) {
        this.authentik = authentik;
        this.store = store;
        this.clock = clock;
        this.names = new NameBook(authentik);
        store.reservedNames().forEach(names::hold);
    }

    /** @throws org.invitebot.core.port.AuthentikException when Authentik cannot do it */
    public Outcome.Created create(String commandId, InvitationPlan plan, Principal requester) {
        return create(commandId, plan, requester, Optional.empty());
    }

    /**
     * @param approval the member's request {@code requester} approves: both people are recorded on the invitation,
     *                 and of all the approvals of one request only one makes an invitation
     * @throws org.invitebot.core.port.AuthentikException when Authentik cannot do it
     */
    public Outcome.Created create(String commandId, InvitationPlan plan, Principal requester, Optional<RequestApproval> approval) {
        Optional<String> reserved = store.command(commandId).flatMap(record -> record.invitationName());
        if (reserved.isEmpty() && approval.isPresent()) {
            Optional<Invitation> earlier = madeForRequest(approval.get());
            if (earlier.isPresent()) {
                return remember(commandId, earlier.get(), plan, requester);
            }
        }
        reserved.ifPresent(names::hold);
        String name = reserved.orElseGet(() -> names.claim(plan.baseName()));
        try {
            if (reserved.isPresent()) {
                Optional<Invitation> earlier = madeFor(commandId, name);
                if (earlier.isPresent()) {
                    return remember(commandId, earlier.get(), plan, requester);
                }
            } else {
                store.reserveName(commandId, name);
            }
            Invitation created = authentik.create(new NewInvitation(
                    name,
                    plan.expires(),
                    plan.singleUse(),
                    plan.mode() == DeliveryMode.EMAIL ? plan.email() : Optional.empty(),
                    plan.displayName(),
                    InvitationMarker.attributes(name, commandId, plan, requester, approval)));
            return remember(commandId, created, plan, requester);
        } finally {
            names.settle(name);
        }
    }

    /** Invitations not yet expired whose name, invitee address or name contains {@code filter}, soonest expiry first. */
    public List<Invitation> active(Optional<String> filter, Instant now) {
        Optional<String> needle = filter.map(text -> text.toLowerCase(Locale.ROOT));
        return authentik.invitations().stream()
                .filter(invitation -> invitation.expires() == null || invitation.expires().isAfter(now))
                .filter(invitation -> needle.isEmpty() || describes(invitation, needle.get()))
                .sorted(Comparator.comparing(Invitation::expires, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Invitation::name))
                .toList();
    }

    /** The invitations named exactly {@code target}, or else those whose pk starts with it (4 or more hex digits). */
    public List<Invitation> find(String target) {
        List<Invitation> named = authentik.invitationsNamedLike(target).stream()
                .filter(invitation -> invitation.name().equals(target))
                .toList();
        if (!named.isEmpty() || !PK_PREFIX.matcher(target).matches()) {
            return named;
        }
        String prefix = target.toLowerCase(Locale.ROOT);
        return authentik.invitations().stream().filter(invitation -> invitation.pk().toString().startsWith(prefix)).toList();
    }

    public void revoke(Invitation invitation) {
        authentik.delete(invitation.pk());
    }

    private static boolean describes(Invitation invitation, String needle) {
        return invitation.name().toLowerCase(Locale.ROOT).contains(needle)
                || invitation.email().map(email -> email.toLowerCase(Locale.ROOT).contains(needle)).orElse(false)
                || invitation.displayName().map(name -> name.toLowerCase(Locale.ROOT).contains(needle)).orElse(false);
    }

    private Optional<Invitation> madeFor(String commandId, String name) {
        return namedAndMarked(name, InvitationMarker.COMMAND, commandId);
    }

    private Optional<Invitation> madeForRequest(RequestApproval approval) {
        return approval.earlierName().flatMap(name -> namedAndMarked(name, InvitationMarker.REQUEST, approval.requestKey()));
    }

    /** The invitation called exactly {@code name} whose marker {@code attribute} is {@code value}: the bot's own, not a namesake. */
    private Optional<Invitation> namedAndMarked(String name, String attribute, String value) {
        return authentik.invitationsNamedLike(name).stream()
                .filter(invitation -> invitation.name().equals(name) && value.equals(invitation.attributes().get(attribute)))
                .findFirst();
    }

    private Outcome.Created remember(String commandId, Invitation invitation, InvitationPlan plan, Principal requester) {
        store.recordInvitation(new BotInvitation(invitation.pk(), invitation.name(), plan.mode().label(),
                List.copyOf(plan.groups()), requester.display(), commandId, clock.instant(), invitation.expires(), plan.signalNumber()), invitation);
        return new Outcome.Created(invitation, plan, authentik.enrollmentLink(invitation));
    }
}
