package org.invitebot.core.invite;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.core.authz.Authorization;
import org.invitebot.core.authz.Authorizer;
import org.invitebot.core.authz.Membership;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.command.Request;
import org.invitebot.core.config.RequestSettings;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.policy.InvitationPolicy;
import org.invitebot.core.policy.Verdict;
import org.invitebot.core.privacy.Mask;
import org.invitebot.core.store.AuditEntry;
import org.invitebot.core.store.InvitationRequest;
import org.invitebot.core.store.RequestState;
import org.invitebot.core.store.StateStore;

/**
 * Members ask, admins decide. An approval is the approver's own {@code !invite}: their authorisation, their
 * delegation, the same policy. Exactly once like every command: a request is opened once per {@code !request},
 * and of several approvals only the one that claims the request (on disk, before Authentik is asked) makes the
 * invitation.
 */
public final class InvitationRequests {

    private static final Logger log = LoggerFactory.getLogger(InvitationRequests.class);
    private static final Duration DAY = Duration.ofDays(1);

    private final RequestSettings settings;
    private final Authorizer authorizer;
    private final InvitationPolicy policy;
    private final InvitationService invitations;
    private final StateStore store;
    private final Clock clock;

    public InvitationRequests(RequestSettings settings, Authorizer authorizer, InvitationPolicy policy,
            InvitationService invitations, StateStore store, Clock clock) {
        this.settings = settings;
        this.authorizer = authorizer;
        this.policy = policy;
        this.invitations = invitations;
        this.store = store;
        this.clock = clock;
    }

    /** Whether members may ask at all. */
    boolean taken() {
        return settings.enabled();
    }

    /**
     * Opens the request, or refuses it without the approvers hearing of it.
     *
     * @throws org.invitebot.core.port.AuthentikException when Authentik cannot say who the sender is
     */
    Outcome open(String commandId, Principal sender, Request request) {
        Optional<InvitationRequest> earlier = store.requestOfCommand(commandId);
        if (earlier.isPresent()) {
            return new Outcome.RequestOpened(earlier.get());
        }
        if (!settings.enabled()) {
            return new Outcome.Refused("invitation requests are not taken here; ask an admin to invite");
        }
        if (!(sender instanceof Principal.MatrixUser)) {
            // the approvers' room, the reactions and the requester's answer all live in Matrix
            return new Outcome.Refused("invitation requests are made in Matrix");
        }
        Membership membership = authorizer.member(sender);
        if (membership instanceof Membership.NotMember notMember) {
            log.info("refused a request from {}: {}", sender.display(), notMember.why());
            audit(sender, "not-a-member", notMember.why());
            return new Outcome.Refused("only members may request invitations, and I do not know you as one");
        }
        Set<String> groups = ((Membership.Member) membership).user().groups();
        if (!settings.requesterGroups().isEmpty() && settings.requesterGroups().stream().noneMatch(groups::contains)) {
            return new Outcome.Refused("only members of " + String.join(", ", settings.requesterGroups())
                    + " may request invitations");
        }
        for (String group : request.groups()) {
            if (settings.requestableGroups().stream().noneMatch(group::equalsIgnoreCase)) {
                return new Outcome.Refused("group \"" + group + "\" cannot be requested; " + (settings.requestableGroups().isEmpty()
                        ? "ask without groups, an admin can add them"
                        : "you may request: " + String.join(", ", settings.requestableGroups())));
            }
        }
        Instant now = clock.instant();
        Verdict<InvitationPlan> verdict = policy.plan(request.asInvite(), Set.copyOf(settings.requestableGroups()), now);
        if (verdict instanceof Verdict.Refused<InvitationPlan> refused) {
            return new Outcome.Refused(refused.reason());
        }
        int made = store.requestsSince(sender.display(), now.minus(DAY));
        if (made >= settings.maxPerRequesterPerDay()) {
            return new Outcome.Refused("you have made " + made + " requests in the last 24 hours, the most allowed;"
                    + " try again tomorrow");
        }
        InvitationRequest opened = store.openRequest(commandId, sender.display(), request, now.plus(settings.expireAfter()));
        log.info("{} requested an invitation (request {})", sender.display(), opened.id());
        return new Outcome.RequestOpened(opened);
    }

    /**
     * @param allowed the approver's authorisation: what they may grant limits what they may approve
     * @throws org.invitebot.core.port.AuthentikException when Authentik cannot make the invitation; the request
     *         stays claimed by this approval until {@link #release} or a resumed run of it
     */
    Outcome approve(String commandId, Principal approver, Authorization.Allowed allowed, long id) {
        Optional<InvitationRequest> found = store.request(id);
        if (found.isEmpty()) {
            return noSuchRequest(id);
        }
        InvitationRequest request = found.get();
        boolean ours = request.decisionCommand().orElse("").equals(commandId);
        if (request.state() != RequestState.OPEN && !ours) {
            return new Outcome.RequestAlreadyDecided(request);
        }
        Verdict<InvitationPlan> verdict = policy.plan(request.asked().asInvite(), allowed.grantable(), clock.instant());
        if (verdict instanceof Verdict.Refused<InvitationPlan> refused) {
            return new Outcome.Refused(refused.reason());
        }
        if (!store.claimRequest(id, commandId, approver.display())) {
            return new Outcome.RequestAlreadyDecided(store.request(id).orElseThrow());
        }
        InvitationPlan plan = ((Verdict.Accepted<InvitationPlan>) verdict).value();
        Outcome.Created created = invitations.create(commandId, plan, approver,
                Optional.of(new RequestApproval(request.requester(), request.commandId(), request.invitationName())));
        store.requestApproved(id, commandId, created.invitation().name());
        log.info("{} approved request {} of {}: invitation {}", approver.display(), id, request.requester(),
                created.invitation().name());
        return new Outcome.RequestApproved(store.request(id).orElseThrow(), created);
    }

    /**
     * After an approval failed for good: the request is open again, for this approver or another. Whether Authentik
     * made the invitation before the failure is unknown, so the next approval looks for it first.
     */
    void release(String commandId, long id) {
        store.releaseRequest(id, commandId);
    }

    Outcome deny(String commandId, Principal approver, long id, Optional<String> reason) {
        Optional<InvitationRequest> found = store.request(id);
        if (found.isEmpty()) {
            return noSuchRequest(id);
        }
        if (!store.denyRequest(id, commandId, approver.display(), reason)) {
            return new Outcome.RequestAlreadyDecided(found.get());
        }
        log.info("{} denied request {} of {}", approver.display(), id, found.get().requester());
        return new Outcome.RequestDenied(store.request(id).orElseThrow());
    }

    Outcome list() {
        return new Outcome.RequestsListed(store.openRequests());
    }

    /** Closes the requests that waited {@code requests.expire_after} without a decision; their requesters are told later. */
    public List<InvitationRequest> expire() {
        List<InvitationRequest> expired = new ArrayList<>(store.expireRequests(clock.instant()));
        for (InvitationRequest request : expired) {
            log.info("request {} of {} expired without a decision", request.id(), request.requester());
            store.audit(new AuditEntry(clock.instant(), "invitebot", "request", "expired", describe(request)));
        }
        return expired;
    }

    /** For the audit log: the number, who asked, for whom (an address masked), and the groups. */
    static String describe(InvitationRequest request) {
        String invitee = request.asked().displayName().orElseGet(() -> Mask.email(request.asked().email().orElseThrow()));
        return "#" + request.id() + " by " + request.requester() + " for " + invitee
                + (request.groups().isEmpty() ? "" : " (" + String.join(", ", request.groups()) + ")");
    }

    private static Outcome noSuchRequest(long id) {
        return new Outcome.Refused("there is no request #" + id);
    }

    private void audit(Principal sender, String result, String detail) {
        store.audit(new AuditEntry(clock.instant(), sender.display(), "request", result, detail));
    }
}
