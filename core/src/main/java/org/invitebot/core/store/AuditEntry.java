package org.invitebot.core.store;

import java.time.Instant;

/**
 * One line of the audit log: who did what, when, and how it ended. Never holds a secret.
 *
 * @param actor   the sender as the chat network names them
 * @param action  the command, e.g. {@code invite}
 * @param outcome e.g. {@code created}, {@code refused}, {@code not-authorised}
 * @param detail  the invitation name or the reason
 */
public record AuditEntry(Instant at, String actor, String action, String outcome, String detail) {
}
