package org.invitebot.core.invite;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.core.authz.Authorization;
import org.invitebot.core.authz.Authorizer;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.command.Approve;
import org.invitebot.core.command.Audit;
import org.invitebot.core.command.Command;
import org.invitebot.core.command.Groups;
import org.invitebot.core.command.Deny;
import org.invitebot.core.command.Help;
import org.invitebot.core.command.Invite;
import org.invitebot.core.command.ListInvitations;
import org.invitebot.core.command.ListRequests;
import org.invitebot.core.command.Reissue;
import org.invitebot.core.command.Request;
import org.invitebot.core.command.Revoke;
import org.invitebot.core.command.Trust;
import org.invitebot.core.command.WhoAmI;
import org.invitebot.core.policy.DurationText;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.policy.InvitationPolicy;
import org.invitebot.core.policy.Verdict;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.core.port.CourierException;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.port.LinkCourier;
import org.invitebot.core.port.LinkDelivery;
import org.invitebot.core.store.AuditEntry;
import org.invitebot.core.store.BotInvitation;
import org.invitebot.core.store.StateStore;

/** The command path after parsing: authorise, apply the policy, act. The one entry point for every adapter. */
public final class CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);
    /** The follow-up mark of an invitation whose link the courier handed over. */
    private static final String DELIVERED = "courier-delivered";

    private final Authorizer authorizer;
    private final InvitationPolicy policy;
    private final InvitationService invitations;
    private final InvitationRequests requests;
    private final StateStore store;
    private final RetryWindow retry;
    private final LinkCourier courier;
    private final Clock clock;

    /** @param courier hands links over for {@code --signal} */
    public CommandHandler(Authorizer authorizer, InvitationPolicy policy, InvitationService invitations,
            InvitationRequests requests, StateStore store, RetryWindow retry, LinkCourier courier, Clock clock) {
        this.authorizer = authorizer;
        this.policy = policy;
        this.invitations = invitations;
        this.requests = requests;
        this.store = store;
        this.retry = retry;
        this.courier = courier;
        this.clock = clock;
    }

    /** Told when a command has to wait for Authentik, so the sender is not left wondering. */
    @FunctionalInterface
    public interface Waiting {
        void authentikUnavailable(String fault, Duration retryingFor);
    }

    /**
     * @param commandId the command's stable ID (a Matrix event ID): running the same command again after a
     *                  crash yields the same invitation, not a second one
     */
    public Outcome handle(String commandId, Principal sender, Command command, Waiting waiting) {
        if (command instanceof Help help) {
            return new Outcome.HelpRequested(help.topic(), help.topic().isEmpty() && asksAsMember(sender));
        }
        if (command instanceof Trust) {
            // the Matrix adapter confirms identities itself; they exist only there
            return new Outcome.Refused("!trust confirms a Matrix user's new encryption identity; send it in a Matrix room");
        }
        if (command instanceof WhoAmI) {
            // answered for everyone: the mapping is what a confused user needs to see
            return retry.run(() -> new Outcome.WhoAmIShown(sender, authorizer.authorize(sender)), () -> { });
        }
        String action = command.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        AtomicReference<String> lastFault = new AtomicReference<>();
        try {
            Outcome outcome = retry.run(() -> {
                try {
                    // a member's request is not an admin's command: it is decided on membership
                    return command instanceof Request request ? requests.open(commandId, sender, request)
                            : decide(commandId, sender, command, action);
                } catch (AuthentikException e) {
                    lastFault.set(e.getMessage());
                    throw e;
                }
            }, () -> waiting.authentikUnavailable(lastFault.get(), retry.length()));
            audit(sender, action, outcome);
            return outcome;
        } catch (AuthentikException e) {
            String message = e.isTransient()
                    ? "gave up after " + DurationText.spoken(retry.length()) + ": " + e.getMessage()
                    : e.getMessage();
            log.warn("{} from {} failed: {}", action, sender.display(), message);
            if (command instanceof Approve approve) {
                requests.release(commandId, approve.id());
            }
            Outcome failed = new Outcome.Failed(message);
            audit(sender, action, failed);
            return failed;
        }
    }

    /** Help never waits for Authentik: when it cannot say who asks, the full list. */
    private boolean asksAsMember(Principal sender) {
        if (!requests.taken()) {
            return false;
        }
        try {
            return authorizer.authorize(sender) instanceof Authorization.Denied;
        } catch (AuthentikException e) {
            return false;
        }
    }

    private Outcome decide(String commandId, Principal sender, Command command, String action) {
        Authorization authorization = authorizer.authorize(sender);
        if (authorization instanceof Authorization.Denied denied) {
            log.info("refused {} from {}: {}", action, sender.display(), denied.why());
            audit(sender, action, "not-authorised", denied.why());
            return new Outcome.NotAuthorised();
        }
        Authorization.Allowed allowed = (Authorization.Allowed) authorization;
        if (command instanceof Audit audit) {
            return new Outcome.AuditShown(store.recentAudit(audit.count()));
        }
        if (command instanceof Groups) {
            return new Outcome.GroupsShown(policy.describe(allowed.grantable()));
        }
        if (command instanceof ListInvitations list) {
            return new Outcome.InvitationsListed(invitations.active(list.filter(), clock.instant()), list.filter());
        }
        if (command instanceof Revoke revoke) {
            return revoke(revoke);
        }
        if (command instanceof Approve approve) {
            return requests.approve(commandId, sender, allowed, approve.id());
        }
        if (command instanceof Deny deny) {
            return requests.deny(commandId, sender, deny.id(), deny.reason());
        }
        if (command instanceof ListRequests) {
            return requests.list();
        }
        if (command instanceof Reissue reissue) {
            return reissue(commandId, sender, reissue, allowed);
        }
        if (!(command instanceof Invite invite)) {
            throw new IllegalArgumentException("no handler for " + action);
        }
        return invite(commandId, sender, invite, allowed);
    }

    private Outcome revoke(Revoke revoke) {
        List<Invitation> found = invitations.find(revoke.target());
        if (found.size() != 1) {
            return found.isEmpty() ? noSuchInvitation(revoke.target()) : new Outcome.Ambiguous(revoke.target(), found);
        }
        invitations.revoke(found.get(0));
        return new Outcome.Revoked(found.get(0));
    }

    /**
     * A fresh invitation for the same invitee, mode and groups; made before the old one is revoked, so a crash loses
     * neither. An invitation Authentik no longer has (a single-use link opened and abandoned) is taken from the store.
     */
    private Outcome reissue(String commandId, Principal sender, Reissue reissue, Authorization.Allowed allowed) {
        List<Invitation> found = invitations.find(reissue.target());
        if (found.size() > 1) {
            return new Outcome.Ambiguous(reissue.target(), found);
        }
        Optional<Invitation> live = found.stream().findFirst();
        Optional<Invitation> known = live.or(() -> store.invitationAsMade(reissue.target()));
        if (known.isEmpty()) {
            return noSuchInvitation(reissue.target());
        }
        Invitation old = known.get();
        Optional<String> signal = store.invitationNamed(old.name()).flatMap(BotInvitation::signalNumber);
        Optional<Invite> again = InvitationMarker.sameInvitee(old, reissue.expiry()).map(invite -> invite.withSignal(signal));
        if (again.isEmpty()) {
            return new Outcome.Refused("invitation " + old.name() + " holds neither an email address nor a name,"
                    + " so I cannot tell who it was for; create a new one instead");
        }
        Outcome outcome = invite(commandId, sender, again.get(), allowed);
        if (!(outcome instanceof Outcome.Created created)) {
            // a new link that was not delivered is revoked; the old one stays, so nothing is lost
            return outcome;
        }
        live.ifPresent(invitations::revoke);
        return new Outcome.Reissued(old, live.isPresent(), created);
    }

    private static Outcome noSuchInvitation(String target) {
        return new Outcome.Refused("no invitation is named \"" + target + "\" (a pk prefix of 4 or more hex digits works too)");
    }

    private void audit(Principal sender, String action, Outcome outcome) {
        if (outcome instanceof Outcome.Created created) {
            audit(sender, action, "created", created.invitation().name());
        } else if (outcome instanceof Outcome.Revoked revoked) {
            audit(sender, action, "revoked", revoked.invitation().name() + " " + revoked.invitation().pk());
        } else if (outcome instanceof Outcome.Reissued reissued) {
            audit(sender, action, "reissued", reissued.replaced().name() + " as " + reissued.created().invitation().name());
        } else if (outcome instanceof Outcome.NotDelivered failed) {
            audit(sender, action, failed.revoked() ? "not delivered, revoked" : "not delivered",
                    failed.created().invitation().name() + ": " + failed.reason());
        } else if (outcome instanceof Outcome.RequestOpened opened) {
            audit(sender, action, "opened", InvitationRequests.describe(opened.request()));
        } else if (outcome instanceof Outcome.RequestApproved approved) {
            audit(sender, action, "approved", InvitationRequests.describe(approved.request()) + " as "
                    + approved.created().invitation().name());
        } else if (outcome instanceof Outcome.RequestDenied denied) {
            audit(sender, action, "denied", InvitationRequests.describe(denied.request()));
        } else if (outcome instanceof Outcome.RequestAlreadyDecided decided) {
            audit(sender, action, "already " + decided.request().state().name().toLowerCase(Locale.ROOT),
                    InvitationRequests.describe(decided.request()));
        } else if (outcome instanceof Outcome.Refused refused) {
            audit(sender, action, "refused", refused.reason());
        } else if (outcome instanceof Outcome.Failed failed) {
            audit(sender, action, "failed", failed.message());
        }
    }

    private void audit(Principal sender, String action, String result, String detail) {
        store.audit(new AuditEntry(clock.instant(), sender.display(), action, result, detail));
    }

    private Outcome invite(String commandId, Principal sender, Invite invite, Authorization.Allowed allowed) {
        Verdict<InvitationPlan> verdict = policy.plan(invite, allowed.grantable(), clock.instant());
        if (verdict instanceof Verdict.Refused<InvitationPlan> refused) {
            return new Outcome.Refused(refused.reason());
        }
        InvitationPlan plan = ((Verdict.Accepted<InvitationPlan>) verdict).value();
        Outcome.Created created = invitations.create(commandId, plan, sender);
        log.info("{} created invitation {} ({}, expires {})", sender.display(), created.invitation().name(),
                plan.mode().label(), plan.expires());
        return plan.signalNumber().isPresent() ? deliver(created, sender) : created;
    }

    /**
     * Hands the link to the invitee once, even when the command is resumed after a crash. A link that
     * could not be delivered is revoked, unless the admin has it too.
     */
    private Outcome deliver(Outcome.Created created, Principal sender) {
        String pk = created.invitation().pk().toString();
        if (store.markedAt(pk, DELIVERED).isPresent()) {
            return created;
        }
        try {
            courier.deliver(new LinkDelivery(created.plan().signalNumber().orElseThrow(), created.plan().displayName(),
                    created.link(), created.invitation().expires(), sender.display(), created.plan().singleUse()));
            store.markOnce(pk, DELIVERED);
            return created;
        } catch (CourierException e) {
            boolean revoke = !created.plan().adminSeesLink();
            if (revoke) {
                invitations.revoke(created.invitation());
            }
            log.info("the link of {} was not delivered ({}: {}){}", created.invitation().name(), e.reason(), e.getMessage(),
                    revoke ? "; revoked" : "");
            return new Outcome.NotDelivered(created, e.reason(), e.getMessage(), revoke);
        }
    }
}
