package org.invitebot.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.core.port.Invitation;

class StateStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aBatchIsRecordedWithItsPositionAndSurvivesReopening() {
        Path file = dir.resolve("data/invitebot.db");
        try (StateStore store = StateStore.open(file, CLOCK)) {
            List<ReceivedCommand> fresh = store.receive(List.of(command("$1"), command("$2")), "matrix.sync", "s1",
                    Durability.CRASH_SAFE);
            assertThat(fresh).extracting(ReceivedCommand::id).containsExactly("$1", "$2");
        }
        try (StateStore store = StateStore.open(file, CLOCK)) {
            assertThat(store.position("matrix.sync")).contains("s1");
            assertThat(store.unfinished()).extracting(record -> record.command().id()).containsExactly("$1", "$2");
            assertThat(store.receive(List.of(command("$2"), command("$3")), "matrix.sync", "s2", Durability.CRASH_SAFE))
                    .as("a re-delivered command is not new").extracting(ReceivedCommand::id).containsExactly("$3");
            assertThat(store.position("matrix.sync")).contains("s2");
        }
    }

    @Test
    void aRunThatDidNotEndIsNoticedAtTheNextStart() {
        Path file = dir.resolve("s.db");
        try (StateStore store = StateStore.open(file, CLOCK)) {
            assertThat(store.beginRun()).as("a new file").isFalse();
            store.endRun();
            assertThat(store.beginRun()).as("after a clean stop").isFalse();
        }
        try (StateStore store = StateStore.open(file, CLOCK)) {
            assertThat(store.beginRun()).as("after a run that was cut off").isTrue();
        }
    }

    @Test
    void reservedNamesAreThoseOfCommandsNotYetDone() {
        try (StateStore store = StateStore.open(dir.resolve("s.db"), CLOCK)) {
            store.receive(List.of(command("$1"), command("$2"), command("$3")), "matrix.sync", "s1", Durability.CRASH_SAFE);
            store.reserveName("$1", "jane-2026-12");
            store.reserveName("$2", "john-2026-12");
            store.finish("$2");

            assertThat(store.reservedNames()).containsExactly("jane-2026-12");
        }
    }

    @Test
    void vaultWritesCommitWithTheBatchAndPrefixesAreLiteral() {
        Path file = dir.resolve("s.db");
        try (StateStore store = StateStore.open(file, CLOCK)) {
            store.receive(List.of(command("$1")), "matrix.sync", "s1", Durability.ON_DISK, List.of(
                    VaultWrite.put("olm", "key_a/1", "one"), VaultWrite.put("olm", "key%a/2", "two"),
                    VaultWrite.put("megolm", "key_a/3", "three")));
            store.writeVault(List.of(VaultWrite.delete("olm", "key%a/2")), Durability.CRASH_SAFE);
        }
        try (StateStore store = StateStore.open(file, CLOCK)) {
            assertThat(store.position("matrix.sync")).contains("s1");
            assertThat(store.vaultValues("olm", "key_a/")).containsExactly(Map.entry("key_a/1", "one"));
            assertThat(store.vaultValues("olm", "key")).containsOnlyKeys("key_a/1");
            assertThat(store.vaultValue("megolm", "key_a/3")).contains("three");
            assertThat(store.vaultValue("megolm", "key_a/1")).isEmpty();
        }
    }

    @Test
    void aCommandMovesThroughItsStatesAndKeepsNameAndReply() {
        try (StateStore store = StateStore.open(dir.resolve("s.db"), CLOCK)) {
            store.receive(List.of(command("$1")), "matrix.sync", "s1", Durability.CRASH_SAFE);

            store.reserveName("$1", "jane-2026-11");
            assertThat(store.command("$1")).hasValueSatisfying(record -> {
                assertThat(record.state()).isEqualTo(CommandState.IN_PROGRESS);
                assertThat(record.invitationName()).contains("jane-2026-11");
            });
            store.saveReply("$1", "Invitation jane-2026-11 created");
            assertThat(store.command("$1").orElseThrow().reply()).contains("Invitation jane-2026-11 created");
            assertThat(store.unfinished()).hasSize(1);

            store.finish("$1");
            assertThat(store.unfinished()).isEmpty();
            assertThat(store.command("$1").orElseThrow().invitationName()).contains("jane-2026-11");
        }
    }

    @Test
    void invitationsAuditAndNotices() {
        try (StateStore store = StateStore.open(dir.resolve("s.db"), CLOCK)) {
            UUID pk = UUID.randomUUID();
            Invitation asMade = new Invitation(pk, "jane-2026-11", CLOCK.instant().plusSeconds(3600), true,
                    Optional.of("jane@example.com"), Optional.empty(), Map.of("requested_groups", List.of("media-users")), "invitebot");
            store.recordInvitation(new BotInvitation(pk, "jane-2026-11", "email", List.of("media-users"), "@admin:example.org",
                    "$1", CLOCK.instant(), CLOCK.instant().plusSeconds(3600), Optional.empty()), asMade);
            assertThat(store.invitations()).singleElement()
                    .satisfies(invitation -> assertThat(invitation.requestedGroups()).containsExactly("media-users"));
            assertThat(store.invitationAsMade("jane-2026-11")).contains(asMade);
            assertThat(store.invitationAsMade("john-2026-11")).isEmpty();

            for (int i = 1; i <= 3; i++) {
                store.audit(new AuditEntry(CLOCK.instant(), "@admin:example.org", "invite", "created", "n" + i));
            }
            assertThat(store.recentAudit(2)).extracting(AuditEntry::detail).containsExactly("n3", "n2");

            assertThat(store.firstNotice("!r:example.org", "encrypted")).isTrue();
            assertThat(store.firstNotice("!r:example.org", "encrypted")).isFalse();
        }
    }

    @Test
    void invitationsCreatedBetweenTwoMomentsAreFoundByTimeEvenWithinOneSecond() {
        try (StateStore store = StateStore.open(dir.resolve("s.db"), CLOCK)) {
            Instant base = Instant.parse("2026-11-20T10:00:00Z");
            // Instant.toString() writes 0, 3 or 9 fraction digits: ".5Z" sorts before "Z" as text, not in time
            for (Instant created : List.of(base.minusMillis(1), base, base.plusMillis(500), base.plusSeconds(1),
                    base.plusSeconds(1).plusNanos(1), base.plus(Duration.ofDays(2)))) {
                UUID pk = UUID.randomUUID();
                store.recordInvitation(new BotInvitation(pk, "n-" + created, "email", List.of(), "@admin:example.org", "$" + created,
                        created, created.plusSeconds(3600), Optional.empty()), new Invitation(pk, "n-" + created,
                        created.plusSeconds(3600), true, Optional.empty(), Optional.empty(), Map.of(), "invitebot"));
            }

            assertThat(store.invitationsCreatedBetween(base, base.plusSeconds(1).plusNanos(1)))
                    .extracting(BotInvitation::createdAt).containsExactly(base.plusMillis(500), base.plusSeconds(1));
            assertThat(store.invitationsCreatedBetween(base.minusSeconds(60), base.plus(Duration.ofDays(1))))
                    .hasSize(5);
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsAClearErrorNamingIt() throws Exception {
        Path file = dir.resolve("garbage.db");
        Files.writeString(file, "this is not sqlite ".repeat(100));

        assertThatThrownBy(() -> StateStore.open(file, CLOCK))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("state.path");
    }

    @Test
    void anUnwritableLocationIsAClearErrorNamingIt() throws Exception {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "a file where a directory should be");
        Path file = blocker.resolve("invitebot.db");

        assertThatThrownBy(() -> StateStore.open(file, CLOCK))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString());
    }

    private static ReceivedCommand command(String id) {
        return new ReceivedCommand(id, "matrix", "!admins:example.org", "@admin:example.org", "!invite jane@example.com");
    }
}
