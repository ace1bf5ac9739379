package org.invitebot.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema, as numbered steps. A new version appends a step; a step once released never changes,
 * and each released version has a file written by that release in {@code core/src/test/resources/store}
 * that MigrationsTest opens (ADR 0014). The applied version is kept in {@code schema_version}, so an older
 * file is brought up to date on open and a newer one (from a later invitebot) is refused rather than misread.
 */
final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private static final List<List<String>> STEPS = List.of(
            List.of(
                    "CREATE TABLE position (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
                    "CREATE TABLE command (id TEXT PRIMARY KEY, source TEXT NOT NULL, conversation TEXT NOT NULL,"
                            + " sender TEXT NOT NULL, body TEXT NOT NULL, state TEXT NOT NULL, invitation_name TEXT,"
                            + " reply TEXT, received_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
                    "CREATE INDEX command_unfinished ON command (state) WHERE state <> 'DONE'",
                    "CREATE TABLE invitation (pk TEXT PRIMARY KEY, name TEXT NOT NULL, mode TEXT NOT NULL,"
                            + " requested_groups TEXT NOT NULL, requester TEXT NOT NULL, command_id TEXT,"
                            + " created_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
                    "CREATE INDEX invitation_name ON invitation (name)",
                    "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,"
                            + " action TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL)",
                    "CREATE TABLE room_notice (room_id TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (room_id, kind))"),
            List.of(
                    "CREATE TABLE follow_up (subject TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL,"
                            + " PRIMARY KEY (subject, kind))"),
            // the invitation as sent to Authentik, so !reissue works after Authentik deleted it (a used single-use link)
            List.of("ALTER TABLE invitation ADD COLUMN as_made TEXT",
                    "ALTER TABLE invitation ADD COLUMN signal_number TEXT"),
            // end-to-end encryption state: values the Matrix adapter seals, by kind and ID (ADR 0013)
            List.of("CREATE TABLE vault (kind TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, id))"),
            // the thread a command was typed in, where its answer and follow-ups go, and the event of its "waiting"
            // reaction, taken back when the answer is sent
            List.of("ALTER TABLE command ADD COLUMN thread TEXT",
                    "ALTER TABLE command ADD COLUMN waiting_event TEXT"),
            // members' invitation requests and the admins' decisions on them
            List.of("CREATE TABLE request (id INTEGER PRIMARY KEY AUTOINCREMENT, command_id TEXT NOT NULL UNIQUE,"
                            + " requester TEXT NOT NULL, email TEXT, display_name TEXT, groups TEXT NOT NULL, reason TEXT,"
                            + " created_at TEXT NOT NULL, expires_at TEXT NOT NULL, state TEXT NOT NULL, post_event TEXT,"
                            + " decided_by TEXT, decision_command TEXT, decided_at TEXT, invitation_name TEXT, deny_reason TEXT,"
                            + " told_at TEXT)",
                    "CREATE INDEX request_requester ON request (requester)",
                    "CREATE INDEX request_post ON request (post_event)",
                    "CREATE INDEX request_state ON request (state)"));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    /**
     * Brings the schema to the latest version in one transaction: a step that fails leaves the file as it
     * was. Says in one log line from which version to which; refuses a file from a newer invitebot.
     *
     * @throws NewerSchemaException when the file's schema is newer than this invitebot's
     */
    static void apply(Connection db) throws SQLException {
        apply(db, STEPS);
    }

    /** @param steps the schema's steps: {@link #STEPS}, or a broken list in a test */
    static void apply(Connection db, List<List<String>> steps) throws SQLException {
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int current = current(statement);
            int latest = steps.size();
            if (current > latest) {
                throw new NewerSchemaException(current, latest);
            }
            for (int version = current + 1; version <= latest; version++) {
                for (String sql : steps.get(version - 1)) {
                    statement.execute(sql);
                }
            }
            if (current != latest) {
                statement.execute("DELETE FROM schema_version");
                statement.execute("INSERT INTO schema_version (version) VALUES (" + latest + ")");
            }
            db.commit();
            if (current == 0) {
                log.info("state file created with schema version {}", latest);
            } else if (current != latest) {
                log.info("state file schema migrated from version {} to {}", current, latest);
            }
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
    }

    private static int current(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /** The file was written by a newer invitebot: reading it with this one's schema could misread or damage it. */
    static final class NewerSchemaException extends SQLException {

        NewerSchemaException(int found, int known) {
            super("the file has schema version " + found + ", written by a newer invitebot; this invitebot knows schema"
                    + " versions up to " + known + ". Run the newer invitebot again, or restore the copy of the file"
                    + " taken before the upgrade (see README, Upgrades)");
        }
    }
}
