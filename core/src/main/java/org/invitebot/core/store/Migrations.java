package org.invitebot.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as numbered steps. A new version appends a step; a step once released never changes.
 * The applied version is kept in {@code schema_version}, so an older file is brought up to date on
 * open and a newer one (from a later invitebot) is refused rather than misread.
 */
final class Migrations {

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
            List.of("CREATE TABLE vault (kind TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (kind, id))"));

    private Migrations() {
    }

    static int latest() {
        return STEPS.size();
    }

    /** Brings the schema to the latest version in one transaction. */
    static void apply(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int current = current(statement);
            if (current > latest()) {
                throw new SQLException("the file has schema version " + current + ", newer than this invitebot knows ("
                        + latest() + "); use a newer invitebot");
            }
            for (int version = current + 1; version <= latest(); version++) {
                for (String sql : STEPS.get(version - 1)) {
                    statement.execute(sql);
                }
            }
            statement.execute("DELETE FROM schema_version");
            statement.execute("INSERT INTO schema_version (version) VALUES (" + latest() + ")");
        }
    }

    private static int current(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
