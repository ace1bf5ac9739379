package org.invitebot.core.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Schema version 2 (commit 298bd78): as version 1, and a follow-up mark. */
public final class FixtureV2 {

    public static void main(String[] args) {
        Instant at = Instant.parse("2026-11-25T06:00:00Z");
        try (StateStore store = StateStore.open(Path.of(args[0]), Clock.fixed(at, ZoneOffset.UTC))) {
            store.savePosition("matrix.sync", "s100_1");
            store.receive(List.of(
                    new ReceivedCommand("$done:example.org", "matrix", "!admins:example.org", "@admin:example.org",
                            "!invite jane@example.com 7d media-users"),
                    new ReceivedCommand("$open:example.org", "matrix", "!admins:example.org", "@admin:example.org",
                            "!invite \"Bob Jones\" 48h")), "matrix.sync", "s101_2");
            store.reserveName("$done:example.org", "jane-2026-11");
            store.recordInvitation(new BotInvitation(UUID.fromString("11111111-1111-4111-8111-111111111111"), "jane-2026-11",
                    "email", List.of("media-users"), "@admin:example.org", "$done:example.org", at,
                    Instant.parse("2026-12-02T06:00:00Z")));
            store.saveReply("$done:example.org", "Invitation jane-2026-11 created");
            store.finish("$done:example.org");
            store.start("$open:example.org");
            store.audit(new AuditEntry(at, "@admin:example.org", "invite", "created", "jane-2026-11"));
            store.firstNotice("!lobby:example.org", "encrypted");
            store.markOnce("11111111-1111-4111-8111-111111111111", "email-confirmed");
        }
    }
}
