package org.invitebot.core.invite;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.invitebot.core.authz.Principal;
import org.invitebot.core.policy.DeliveryMode;
import org.invitebot.core.policy.InvitationNames;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.port.NewInvitation;

/** Creates the invitation a plan describes, under a name unique in Authentik. */
public final class InvitationService {

    private final Authentik authentik;
    /** Names being created right now, so two concurrent invites for one person get different names. */
    private final Set<String> namesInFlight = ConcurrentHashMap.newKeySet();

    public InvitationService(Authentik authentik) {
        this.authentik = authentik;
    }

    /** @throws org.invitebot.core.port.AuthentikException when Authentik cannot do it */
    public Outcome.Created create(InvitationPlan plan, Principal requester) {
        String name = reserveName(plan.baseName());
        try {
            Invitation created = authentik.create(new NewInvitation(
                    name,
                    plan.expires(),
                    plan.singleUse(),
                    plan.mode() == DeliveryMode.EMAIL ? plan.email() : Optional.empty(),
                    plan.displayName(),
                    InvitationMarker.attributes(name, plan, requester)));
            return new Outcome.Created(created, plan, authentik.enrollmentLink(created));
        } finally {
            namesInFlight.remove(name);
        }
    }

    private String reserveName(String base) {
        Set<String> taken = new HashSet<>();
        authentik.invitationsNamedLike(base).forEach(invitation -> taken.add(invitation.name()));
        while (true) {
            taken.addAll(namesInFlight);
            String candidate = InvitationNames.unique(base, taken);
            if (namesInFlight.add(candidate)) {
                return candidate;
            }
        }
    }
}
