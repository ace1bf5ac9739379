package org.invitebot.core.invite;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.core.authz.Authorization;
import org.invitebot.core.authz.Authorizer;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.command.Command;
import org.invitebot.core.command.Help;
import org.invitebot.core.command.Invite;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.policy.InvitationPolicy;
import org.invitebot.core.policy.Verdict;
import org.invitebot.core.port.AuthentikException;

/** The command path after parsing: authorise, apply the policy, act. The one entry point for every adapter. */
public final class CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final Authorizer authorizer;
    private final InvitationPolicy policy;
    private final InvitationService invitations;
    private final Clock clock;

    public CommandHandler(Authorizer authorizer, InvitationPolicy policy, InvitationService invitations, Clock clock) {
        this.authorizer = authorizer;
        this.policy = policy;
        this.invitations = invitations;
        this.clock = clock;
    }

    public Outcome handle(Principal sender, Command command) {
        if (command instanceof Help help) {
            return new Outcome.HelpRequested(help.topic());
        }
        try {
            Authorization authorization = authorizer.authorize(sender);
            if (authorization instanceof Authorization.Denied denied) {
                log.info("refused {} from {}: {}", command.getClass().getSimpleName(), sender.display(), denied.why());
                return new Outcome.NotAuthorised();
            }
            Authorization.Allowed allowed = (Authorization.Allowed) authorization;
            if (command instanceof Invite invite) {
                return invite(sender, invite, allowed);
            }
            throw new IllegalArgumentException("no handler for " + command.getClass().getSimpleName());
        } catch (AuthentikException e) {
            log.warn("{} from {} failed: {}", command.getClass().getSimpleName(), sender.display(), e.getMessage());
            return new Outcome.Failed(e.getMessage());
        }
    }

    private Outcome invite(Principal sender, Invite invite, Authorization.Allowed allowed) {
        Verdict<InvitationPlan> verdict = policy.plan(invite, allowed.grantable(), clock.instant());
        if (verdict instanceof Verdict.Refused<InvitationPlan> refused) {
            return new Outcome.Refused(refused.reason());
        }
        InvitationPlan plan = ((Verdict.Accepted<InvitationPlan>) verdict).value();
        Outcome.Created created = invitations.create(plan, sender);
        log.info("{} created invitation {} ({}, expires {})", sender.display(), created.invitation().name(),
                plan.mode().label(), plan.expires());
        return created;
    }
}
