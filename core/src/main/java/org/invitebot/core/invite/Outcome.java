package org.invitebot.core.invite;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.invitebot.core.authz.Authorization;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.port.CourierException;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.store.AuditEntry;
import org.invitebot.core.store.InvitationRequest;

/** What came of a command, for the chat adapter to render. Refusals are outcomes, not exceptions. */
public sealed interface Outcome {

    /** @param link the enrollment link: a credential that the adapter must deliver privately */
    record Created(Invitation invitation, InvitationPlan plan, URI link) implements Outcome {
    }

    /**
     * The invitation was made but the courier could not hand the link over.
     *
     * @param revoked true when the invitation was deleted so that no live link is left that nobody received;
     *                false when the admin was handed the link too
     */
    record NotDelivered(Created created, CourierException.Reason reason, String detail, boolean revoked) implements Outcome {
    }

    /** The command was understood but not allowed as given; {@code reason} says what was expected. */
    record Refused(String reason) implements Outcome {
    }

    /** The sender may not run commands. Deliberately without detail (SPEC §3). */
    record NotAuthorised() implements Outcome {
    }

    /** @param forMember the list of a member who may only ask for invitations, not the admins' commands */
    record HelpRequested(Optional<String> topic, boolean forMember) implements Outcome {
    }

    /** @param entries newest first */
    record AuditShown(List<AuditEntry> entries) implements Outcome {
        public AuditShown {
            entries = List.copyOf(entries);
        }
    }

    /**
     * @param invitations active ones matching the filter, soonest expiry first
     */
    record InvitationsListed(List<Invitation> invitations, Optional<String> filter) implements Outcome {
        public InvitationsListed {
            invitations = List.copyOf(invitations);
        }
    }

    record Revoked(Invitation invitation) implements Outcome {
    }

    /** Several invitations carry the name; the sender must pick one by pk prefix. */
    record Ambiguous(String target, List<Invitation> candidates) implements Outcome {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }

    /**
     * @param replaced the invitation {@code created} replaces
     * @param revoked  false when Authentik no longer had it (a single-use link already opened), true when it was revoked now
     */
    record Reissued(Invitation replaced, boolean revoked, Created created) implements Outcome {
    }

    /** @param grantable group name to what it gives access to, sorted by name */
    record GroupsShown(Map<String, String> grantable) implements Outcome {
        public GroupsShown {
            grantable = Collections.unmodifiableMap(new TreeMap<>(grantable));
        }
    }

    /** @param authorization what the sender maps to; a denial's reason is not shown to them */
    record WhoAmIShown(Principal sender, Authorization authorization) implements Outcome {
    }

    /** A member's request, waiting for the admins; the adapter posts it where they decide. */
    record RequestOpened(InvitationRequest request) implements Outcome {
    }

    /** The approver's invitation for the request; the requester is told (and handed a link) apart from this answer. */
    record RequestApproved(InvitationRequest request, Created created) implements Outcome {
    }

    record RequestDenied(InvitationRequest request) implements Outcome {
    }

    /** Someone else decided first, or the request expired: nothing was done. */
    record RequestAlreadyDecided(InvitationRequest request) implements Outcome {
    }

    /** @param requests those waiting for a decision, oldest first */
    record RequestsListed(List<InvitationRequest> requests) implements Outcome {
        public RequestsListed {
            requests = List.copyOf(requests);
        }
    }

    /** Authentik could not do it; {@code message} says what happened and what to do. */
    record Failed(String message) implements Outcome {
    }
}
