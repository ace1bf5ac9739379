package org.invitebot.core.invite;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.store.AuditEntry;

/** What came of a command, for the chat adapter to render. Refusals are outcomes, not exceptions. */
public sealed interface Outcome {

    /** @param link the enrollment link: a credential that the adapter must deliver privately */
    record Created(Invitation invitation, InvitationPlan plan, URI link) implements Outcome {
    }

    /** The command was understood but not allowed as given; {@code reason} says what was expected. */
    record Refused(String reason) implements Outcome {
    }

    /** The sender may not run commands. Deliberately without detail (SPEC §3). */
    record NotAuthorised() implements Outcome {
    }

    record HelpRequested(Optional<String> topic) implements Outcome {
    }

    /** @param entries newest first */
    record AuditShown(List<AuditEntry> entries) implements Outcome {
        public AuditShown {
            entries = List.copyOf(entries);
        }
    }

    /** Authentik could not do it; {@code message} says what happened and what to do. */
    record Failed(String message) implements Outcome {
    }
}
