package org.invitebot.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import org.invitebot.core.command.Request;
import org.invitebot.core.port.Invitation;

/**
 * Upgrades: a state file written by each released schema version (written by that release's own StateStore,
 * see core/src/test/schema-fixtures/make.sh) opens in this invitebot with its rows intact; a newer one is refused.
 */
class MigrationsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final UUID JANE = UUID.fromString("11111111-1111-4111-8111-111111111111");

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(Migrations.class);

    @BeforeEach
    void listen() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logs);
        logger.setLevel(null);
    }

    static IntStream releasedVersions() {
        return IntStream.rangeClosed(1, Migrations.latest());
    }

    @ParameterizedTest(name = "schema version {0}")
    @MethodSource("releasedVersions")
    void aFileOfEachReleasedVersionOpensWithItsRowsIntact(int version) throws Exception {
        Path file = fixture(version);

        try (StateStore store = StateStore.open(file, CLOCK)) {
            assertThat(store.position("matrix.sync")).contains("s101_2");
            assertThat(store.command("$done:example.org")).get().satisfies(done -> {
                assertThat(done.state()).isEqualTo(CommandState.DONE);
                assertThat(done.invitationName()).contains("jane-2026-11");
                assertThat(done.reply()).contains("Invitation jane-2026-11 created");
            });
            assertThat(store.unfinished()).extracting(record -> record.command().id()).containsExactly("$open:example.org");
            assertThat(store.invitationNamed("jane-2026-11")).get().satisfies(jane -> {
                assertThat(jane.pk()).isEqualTo(JANE);
                assertThat(jane.requestedGroups()).containsExactly("media-users");
                assertThat(jane.expiresAt()).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
            });
            assertThat(store.recentAudit(10)).extracting(AuditEntry::detail).containsExactly("jane-2026-11");
            assertThat(store.firstNotice("!lobby:example.org", "encrypted")).isFalse();
            if (version >= 2) {
                assertThat(store.markedAt(JANE.toString(), "email-confirmed")).isPresent();
            }
            if (version >= 4) {
                assertThat(store.vaultValue("room", "!admins:example.org")).contains("{\"encrypted\":true}");
            }
            CommandRecord open = store.command("$open:example.org").orElseThrow();
            if (version >= 5) {
                assertThat(open.command().thread()).contains("$root:example.org");
                assertThat(open.waitingEvent()).contains("$hourglass:example.org");
            } else {
                assertThat(open.command().thread()).as("commands from before threads were typed outside one").isEmpty();
                assertThat(open.waitingEvent()).isEmpty();
            }
            if (version >= 6) {
                assertThat(store.request(1)).get().satisfies(approved -> {
                    assertThat(approved.state()).isEqualTo(RequestState.APPROVED);
                    assertThat(approved.asked().reason()).contains("my brother");
                    assertThat(approved.invitationName()).contains("joe-2026-11");
                    assertThat(approved.decidedBy()).contains("@admin:example.org");
                    assertThat(approved.toldAt()).isPresent();
                });
                assertThat(store.requestPostedAs("$post2:example.org")).get().satisfies(waiting -> {
                    assertThat(waiting.state()).isEqualTo(RequestState.OPEN);
                    assertThat(waiting.asked().displayName()).contains("Ann Lee");
                });
                assertThat(store.openRequests()).hasSize(1);
            }
            if (version >= 3) {
                assertThat(store.invitationAsMade("jane-2026-11")).get().extracting(Invitation::email)
                        .isEqualTo(Optional.of("jane@example.com"));
                assertThat(store.invitationNamed("carol-2026-11")).get().extracting(BotInvitation::signalNumber)
                        .isEqualTo(Optional.of("+15551234567"));
            }
        }
        assertThat(schemaVersion(file)).isEqualTo(Migrations.latest());
    }

    @ParameterizedTest(name = "schema version {0}")
    @MethodSource("releasedVersions")
    void aMigratedFileTakesWhatTheNewerStepsAdded(int version) throws Exception {
        Path file = fixture(version);
        UUID pk = UUID.fromString("22222222-2222-4222-8222-222222222222");
        Instant expires = Instant.parse("2026-12-03T10:00:00Z");

        try (StateStore store = StateStore.open(file, CLOCK)) {
            store.recordInvitation(new BotInvitation(pk, "dave-2026-12", "signal", List.of("ai-users"), "@admin:example.org",
                    null, CLOCK.instant(), expires, Optional.of("+15557654321")),
                    new Invitation(pk, "dave-2026-12", expires, true, Optional.empty(), Optional.of("Dave"), Map.of(), "invitebot"));
            assertThat(store.markOnce(pk.toString(), "enrolled")).isTrue();
            store.writeVault(List.of(VaultWrite.put("olm", "key/session", "sealed")), Durability.ON_DISK);
            InvitationRequest request = store.openRequest("$new-request:example.org", "@carol:example.org",
                    new Request(Optional.of("dave@example.com"), Optional.empty(), List.of(), Optional.empty()), expires);
            assertThat(store.claimRequest(request.id(), "$approve:example.org", "@admin:example.org")).isTrue();
        }
        try (StateStore reopened = StateStore.open(file, CLOCK)) {
            assertThat(reopened.invitationAsMade("dave-2026-12")).get().extracting(Invitation::displayName)
                    .isEqualTo(Optional.of("Dave"));
            assertThat(reopened.invitationNamed("dave-2026-12")).get().extracting(BotInvitation::signalNumber)
                    .isEqualTo(Optional.of("+15557654321"));
            assertThat(reopened.markedAt(pk.toString(), "enrolled")).isPresent();
            assertThat(reopened.vaultValue("olm", "key/session")).contains("sealed");
            assertThat(reopened.requestOfCommand("$new-request:example.org")).get().extracting(InvitationRequest::state)
                    .isEqualTo(RequestState.APPROVING);
        }
    }

    @ParameterizedTest(name = "schema version {0}")
    @MethodSource("releasedVersions")
    void theMigrationSaysInOneLineFromWhichVersionToWhich(int version) throws Exception {
        Path file = fixture(version);

        StateStore.open(file, CLOCK).close();
        StateStore.open(file, CLOCK).close();

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        if (version == Migrations.latest()) {
            assertThat(lines).isEmpty();
        } else {
            assertThat(lines).containsExactly("state file schema migrated from version " + version + " to " + Migrations.latest());
            assertThat(logs.list.get(0).getLevel()).isEqualTo(Level.INFO);
        }
    }

    @Test
    void aNewFileSaysItsSchemaVersionOnce() {
        Path file = dir.resolve("new.db");

        StateStore.open(file, CLOCK).close();
        StateStore.open(file, CLOCK).close();

        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("state file created with schema version " + Migrations.latest());
    }

    @Test
    void aFileFromANewerInvitebotIsRefusedNamingBothVersionsAndLeftAsItWas() throws Exception {
        Path file = fixture(Migrations.latest());
        int newer = Migrations.latest() + 1;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = db.createStatement()) {
            statement.execute("UPDATE schema_version SET version = " + newer);
            statement.execute("CREATE TABLE from_the_future (x TEXT)");
        }

        assertThatThrownBy(() -> StateStore.open(file, CLOCK))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("schema version " + newer + ", written by a newer invitebot")
                .hasMessageContaining("schema versions up to " + Migrations.latest());

        assertThat(schemaVersion(file)).isEqualTo(newer);
        assertThat(tables(file)).contains("from_the_future");
        assertThat(logs.list).isEmpty();
    }

    @Test
    void aStepThatFailsLeavesTheFileAtItsOldVersion() throws Exception {
        Path file = fixture(1);
        List<List<String>> broken = new ArrayList<>(List.of(List.of("SELECT 1"),
                List.of("CREATE TABLE follow_up (subject TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL)"),
                List.of("ALTER TABLE invitation ADD COLUMN as_made TEXT", "ALTER TABLE no_such_table ADD COLUMN x TEXT")));

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThatThrownBy(() -> Migrations.apply(db, broken)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("no_such_table");
        }

        assertThat(schemaVersion(file)).isEqualTo(1);
        assertThat(tables(file)).doesNotContain("follow_up");
        assertThat(columns(file, "invitation")).doesNotContain("as_made");
        assertThat(logs.list).isEmpty();
    }

    @Test
    void everySchemaVersionHasAFixtureWrittenByItsRelease() throws Exception {
        for (int version = 1; version <= Migrations.latest(); version++) {
            assertThat(MigrationsTest.class.getResource("/store/schema-v" + version + ".db"))
                    .as("schema version %d needs a state file written by the release that introduced it"
                            + " (core/src/test/schema-fixtures/make.sh)", version)
                    .isNotNull();
            assertThat(schemaVersion(fixture(version))).isEqualTo(version);
        }
    }

    private Path fixture(int version) throws Exception {
        Path file = dir.resolve("v" + version + "-" + UUID.randomUUID() + ".db");
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/store/schema-v" + version + ".db")) {
            assertThat(in).as("fixture of schema version %d", version).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    private static int schemaVersion(Path file) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            return rows.getInt(1);
        }
    }

    private static List<String> tables(Path file) throws SQLException {
        return strings(file, "SELECT name FROM sqlite_master WHERE type = 'table'");
    }

    private static List<String> columns(Path file, String table) throws SQLException {
        return strings(file, "SELECT name FROM pragma_table_info('" + table + "')");
    }

    private static List<String> strings(Path file, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
