package org.invitebot.core.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.invitebot.core.command.Request;
import org.invitebot.core.port.Invitation;

/** Schema version 6 (invitation requests): as version 5, with a request approved and told, and one open with its post. */
public final class FixtureV6 {

    public static void main(String[] args) {
        Instant at = Instant.parse("2026-11-25T06:00:00Z");
        UUID jane = UUID.fromString("11111111-1111-4111-8111-111111111111");
        UUID carol = UUID.fromString("33333333-3333-4333-8333-333333333333");
        try (StateStore store = StateStore.open(Path.of(args[0]), Clock.fixed(at, ZoneOffset.UTC))) {
            store.savePosition("matrix.sync", "s100_1", Durability.ON_DISK);
            store.receive(List.of(
                    new ReceivedCommand("$done:example.org", "matrix", "!admins:example.org", "@admin:example.org",
                            "!invite jane@example.com 7d media-users"),
                    new ReceivedCommand("$open:example.org", "matrix", "!admins:example.org", "@admin:example.org",
                            "!invite \"Bob Jones\" 48h", Optional.of("$root:example.org"))), "matrix.sync", "s101_2",
                    Durability.CRASH_SAFE);
            store.reserveName("$done:example.org", "jane-2026-11");
            Instant expires = Instant.parse("2026-12-02T06:00:00Z");
            store.recordInvitation(new BotInvitation(jane, "jane-2026-11", "email", List.of("media-users"), "@admin:example.org",
                    "$done:example.org", at, expires, Optional.empty()),
                    new Invitation(jane, "jane-2026-11", expires, true, Optional.of("jane@example.com"), Optional.empty(),
                            Map.of("invitebot", Map.of("command", "$done:example.org")), "invitebot"));
            store.saveReply("$done:example.org", "Invitation jane-2026-11 created");
            store.finish("$done:example.org");
            store.recordInvitation(new BotInvitation(carol, "carol-2026-11", "signal", List.of(), "@admin:example.org",
                    null, at, expires, Optional.of("+15551234567")),
                    new Invitation(carol, "carol-2026-11", expires, true, Optional.empty(), Optional.of("Carol"),
                            Map.of(), "invitebot"));
            store.start("$open:example.org");
            store.saveWaitingEvent("$open:example.org", "$hourglass:example.org");
            store.audit(new AuditEntry(at, "@admin:example.org", "invite", "created", "jane-2026-11"));
            store.firstNotice("!lobby:example.org", "encrypted");
            store.markOnce(jane.toString(), "email-confirmed");
            store.writeVault(List.of(VaultWrite.put("room", "!admins:example.org", "{\"encrypted\":true}")), Durability.ON_DISK);
            InvitationRequest approved = store.openRequest("$asked:example.org", "@bob:example.org",
                    new Request(Optional.of("joe@example.com"), Optional.empty(), List.of("media-users"), Optional.of("my brother")),
                    Instant.parse("2026-12-02T06:00:00Z"));
            store.savePostEvent(approved.id(), "$post1:example.org");
            store.claimRequest(approved.id(), "$approval:example.org", "@admin:example.org");
            store.requestApproved(approved.id(), "$approval:example.org", "joe-2026-11");
            store.requesterTold(approved.id());
            InvitationRequest open = store.openRequest("$asked2:example.org", "@bob:example.org",
                    new Request(Optional.empty(), Optional.of("Ann Lee"), List.of(), Optional.empty()),
                    Instant.parse("2026-12-02T06:00:00Z"));
            store.savePostEvent(open.id(), "$post2:example.org");
        }
    }
}
