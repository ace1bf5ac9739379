package org.invitebot.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.invitebot.core.command.Request;
import org.invitebot.core.port.Invitation;

/**
 * What must survive a restart, in one SQLite file: read positions, commands and how far each got,
 * the invitations the bot made, the audit log. One connection; methods are synchronized because SQLite
 * has a single writer anyway.
 *
 * <p>Durability (ADR 0004): WAL mode with {@code synchronous=NORMAL}, so a killed process loses nothing
 * that was committed, and a write that guards an effect outside (a create in Authentik, a message sent,
 * a read position the server acts on) commits with {@code synchronous=FULL}: its WAL frames, and with them
 * every frame written before, are on disk before the method returns. That survives a power loss too.
 */
public final class StateStore implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Present while a run is under way: a start that finds it knows the last run was cut off. */
    private static final String RUNNING = "invitebot.running";

    private final Path path;
    private final Connection db;
    private final Clock clock;

    private StateStore(Path path, Connection db, Clock clock) {
        this.path = path;
        this.db = db;
        this.clock = clock;
    }

    /** @throws StoreException naming the file when it cannot be created, opened or read */
    public static StateStore open(Path path, Clock clock) {
        Path file = path.toAbsolutePath();
        Connection db = null;
        try {
            Files.createDirectories(file.getParent());
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement statement = db.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=5000");
            }
            db.setAutoCommit(false);
            Migrations.apply(db);
            db.commit();
            return new StateStore(file, db, clock);
        } catch (Exception e) {
            closeQuietly(db);
            throw new StoreException("cannot use the state file " + file + " (state.path): " + reason(e), e);
        }
    }

    public synchronized Optional<String> position(String name) {
        return query("SELECT value FROM position WHERE name = ?", rows -> rows.getString(1), name).stream().findFirst();
    }

    /** @param durability {@link Durability#ON_DISK} for a position that decides what is history, such as the first one */
    public synchronized void savePosition(String name, String value, Durability durability) {
        transaction(durability, () -> upsertPosition(name, value));
    }

    /**
     * Notes that a run has begun, so the next start can tell whether this one stopped cleanly.
     *
     * @return true when the previous run did not reach {@link #endRun()}: killed, crashed or cut off
     */
    public synchronized boolean beginRun() {
        boolean unclean = position(RUNNING).isPresent();
        savePosition(RUNNING, now(), Durability.CRASH_SAFE);
        return unclean;
    }

    public synchronized void endRun() {
        durably(() -> update("DELETE FROM position WHERE name = ?", RUNNING));
    }

    /**
     * Records a batch of commands together with the read position after them, in one transaction:
     * a crash either keeps both or neither, so no command is lost or read twice.
     *
     * @param durability {@link Durability#ON_DISK} when the source forgets what it delivered (Signal's receive
     *                   consumes messages); a Matrix timeline is delivered again from an older token
     * @return the commands not seen before, in order
     */
    public synchronized List<ReceivedCommand> receive(List<ReceivedCommand> commands, String positionName, String position,
            Durability durability) {
        return receive(commands, positionName, position, durability, List.of());
    }

    /**
     * As {@link #receive(List, String, String, Durability)}, with vault writes in the same transaction: what
     * reading the batch changed (end-to-end encryption state) commits with the position after it, or not at all.
     */
    public synchronized List<ReceivedCommand> receive(List<ReceivedCommand> commands, String positionName, String position,
            Durability durability, List<VaultWrite> vault) {
        List<ReceivedCommand> fresh = new ArrayList<>();
        transaction(durability, () -> {
            writeVault(vault);
            String now = now();
            for (ReceivedCommand command : commands) {
                int inserted = update("INSERT OR IGNORE INTO command (id, source, conversation, sender, body, thread, state,"
                        + " received_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", command.id(), command.source(),
                        command.conversation(), command.sender(), command.body(), command.thread().orElse(null),
                        CommandState.RECEIVED.name(), now, now);
                if (inserted == 1) {
                    fresh.add(command);
                }
            }
            upsertPosition(positionName, position);
        });
        return fresh;
    }

    /** The vault's value of {@code kind} under {@code id}. */
    public synchronized Optional<String> vaultValue(String kind, String id) {
        return query("SELECT value FROM vault WHERE kind = ? AND id = ?", rows -> rows.getString(1), kind, id).stream().findFirst();
    }

    /** The vault's values of {@code kind} whose ID starts with {@code idPrefix}, by ID. */
    public synchronized Map<String, String> vaultValues(String kind, String idPrefix) {
        // substr instead of LIKE: IDs are keys and user IDs, in which % and _ are ordinary characters
        return query("SELECT id, value FROM vault WHERE kind = ? AND substr(id, 1, ?) = ? ORDER BY id",
                rows -> Map.entry(rows.getString(1), rows.getString(2)), kind, idPrefix.length(), idPrefix).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Applies vault writes in one transaction. */
    public synchronized void writeVault(List<VaultWrite> writes, Durability durability) {
        transaction(durability, () -> writeVault(writes));
    }

    /** Commands a previous run did not finish, oldest first. */
    public synchronized List<CommandRecord> unfinished() {
        return query("SELECT * FROM command WHERE state <> 'DONE' ORDER BY received_at, rowid", StateStore::commandRecord);
    }

    public synchronized Optional<CommandRecord> command(String id) {
        return query("SELECT * FROM command WHERE id = ?", StateStore::commandRecord, id).stream().findFirst();
    }

    /**
     * The invitation name is kept, on disk, before Authentik is asked, so a retry looks for that name first;
     * lost to a power cut, the retry would create a second invitation.
     */
    public synchronized void reserveName(String commandId, String invitationName) {
        setState(commandId, CommandState.IN_PROGRESS, "invitation_name", invitationName, Durability.ON_DISK);
    }

    /** Names reserved by commands not yet done: a resumed command takes its name back, nobody else may. */
    public synchronized List<String> reservedNames() {
        return query("SELECT invitation_name FROM command WHERE state <> 'DONE' AND invitation_name IS NOT NULL",
                rows -> rows.getString(1));
    }

    /** @return false when the command is done, or was withdrawn before anything was done about it */
    public synchronized boolean start(String commandId) {
        int[] started = new int[1];
        inTransaction(() -> started[0] = update("UPDATE command SET state = ?, updated_at = ? WHERE id = ? AND state <> 'DONE'",
                CommandState.IN_PROGRESS.name(), now(), commandId));
        return started[0] == 1;
    }

    /**
     * A command withdrawn before it was started (a reaction taken back) is done without an answer.
     *
     * @return true when it had not been started, so nothing will come of it
     */
    public synchronized boolean withdraw(String commandId) {
        int[] withdrawn = new int[1];
        durably(() -> withdrawn[0] = update("UPDATE command SET state = 'DONE', updated_at = ? WHERE id = ? AND state = ?",
                now(), commandId, CommandState.RECEIVED.name()));
        return withdrawn[0] == 1;
    }

    /**
     * The reply is fixed, on disk, from now on: a restart sends exactly this text again, under the same
     * transaction ID, and never words a second one.
     */
    public synchronized void saveReply(String commandId, String reply) {
        setState(commandId, CommandState.REPLYING, "reply", reply, Durability.ON_DISK);
    }

    /** The event that shows the command waits; on disk before the command goes on, so it is taken back however it ends. */
    public synchronized void saveWaitingEvent(String commandId, String eventId) {
        durably(() -> update("UPDATE command SET waiting_event = ?, updated_at = ? WHERE id = ?", eventId, now(), commandId));
    }

    /** Lost to a power cut, the saved reply is sent again under its transaction ID, which the homeserver keeps once. */
    public synchronized void finish(String commandId) {
        setState(commandId, CommandState.DONE, null, null, Durability.CRASH_SAFE);
    }

    /** @param asMade the invitation as Authentik answered its creation */
    public synchronized void recordInvitation(BotInvitation invitation, Invitation asMade) {
        inTransaction(() -> update("INSERT OR REPLACE INTO invitation (pk, name, mode, requested_groups, requester,"
                + " command_id, created_at, expires_at, as_made, signal_number) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                invitation.pk().toString(), invitation.name(), invitation.mode(), toJson(invitation.requestedGroups()),
                invitation.requester(), invitation.commandId(), invitation.createdAt().toString(),
                invitation.expiresAt().toString(), InvitationSnapshot.write(asMade), invitation.signalNumber().orElse(null)));
    }

    /** The newest bot-made invitation of that name as it was made, whether or not Authentik still has it. */
    public synchronized Optional<Invitation> invitationAsMade(String name) {
        return query("SELECT as_made FROM invitation WHERE name = ? AND as_made IS NOT NULL ORDER BY created_at DESC",
                rows -> InvitationSnapshot.read(rows.getString(1)), name).stream().findFirst();
    }

    public synchronized List<BotInvitation> invitations() {
        return query("SELECT * FROM invitation ORDER BY created_at, rowid", StateStore::botInvitation);
    }

    /** Bot-made invitations created after {@code from} and before {@code to}, oldest first. */
    public synchronized List<BotInvitation> invitationsCreatedBetween(Instant from, Instant to) {
        // created_at is Instant.toString(): in time order to the second, so a second's margin and an exact filter
        return query("SELECT * FROM invitation WHERE created_at > ? AND created_at < ? ORDER BY created_at, rowid",
                StateStore::botInvitation, from.minusSeconds(1).toString(), to.plusSeconds(1).toString()).stream()
                .filter(invitation -> invitation.createdAt().isAfter(from) && invitation.createdAt().isBefore(to))
                .toList();
    }

    public synchronized Optional<BotInvitation> invitation(UUID pk) {
        return query("SELECT * FROM invitation WHERE pk = ?", StateStore::botInvitation, pk.toString()).stream().findFirst();
    }

    public synchronized Optional<BotInvitation> invitationNamed(String name) {
        return query("SELECT * FROM invitation WHERE name = ? ORDER BY created_at DESC", StateStore::botInvitation, name)
                .stream().findFirst();
    }

    /**
     * Marks that something was done about {@code subject} (an invitation's pk), such as telling the
     * inviter it was used, so a restart never does it twice.
     *
     * <p>On disk when it returns: a mark is what keeps a message or a Signal delivery from being repeated.
     *
     * @return true the first time
     */
    public synchronized boolean markOnce(String subject, String kind) {
        int[] inserted = new int[1];
        durably(() -> inserted[0] = update("INSERT OR IGNORE INTO follow_up (subject, kind, at) VALUES (?, ?, ?)",
                subject, kind, now()));
        return inserted[0] == 1;
    }

    /** When {@code kind} was marked for {@code subject}, if it was. */
    public synchronized Optional<Instant> markedAt(String subject, String kind) {
        return query("SELECT at FROM follow_up WHERE subject = ? AND kind = ?", rows -> Instant.parse(rows.getString(1)),
                subject, kind).stream().findFirst();
    }

    /** Every subject marked {@code kind}, with when: one query where a loop over subjects would make thousands. */
    public synchronized Map<String, Instant> marked(String kind) {
        return query("SELECT subject, at FROM follow_up WHERE kind = ?", rows -> Map.entry(rows.getString(1),
                Instant.parse(rows.getString(2))), kind).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public synchronized void audit(AuditEntry entry) {
        inTransaction(() -> update("INSERT INTO audit (at, actor, action, outcome, detail) VALUES (?, ?, ?, ?, ?)",
                entry.at().toString(), entry.actor(), entry.action(), entry.outcome(), entry.detail()));
    }

    /** The newest {@code count} entries, newest first. */
    public synchronized List<AuditEntry> recentAudit(int count) {
        return query("SELECT at, actor, action, outcome, detail FROM audit ORDER BY id DESC LIMIT ?",
                rows -> new AuditEntry(Instant.parse(rows.getString(1)), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5)), count);
    }

    /**
     * Opens a request for the {@code !request} command {@code commandId}, or returns the one it opened before a
     * restart. On disk before it returns: the approvers' message names its ID.
     */
    public synchronized InvitationRequest openRequest(String commandId, String requester, Request asked, Instant expiresAt) {
        durably(() -> update("INSERT OR IGNORE INTO request (command_id, requester, email, display_name, groups, reason,"
                + " created_at, expires_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", commandId, requester,
                asked.email().orElse(null), asked.displayName().orElse(null), toJson(asked.groups()),
                asked.reason().orElse(null), now(), expiresAt.toString(), RequestState.OPEN.name()));
        return requestOfCommand(commandId).orElseThrow();
    }

    public synchronized Optional<InvitationRequest> request(long id) {
        return query("SELECT * FROM request WHERE id = ?", StateStore::invitationRequest, id).stream().findFirst();
    }

    public synchronized Optional<InvitationRequest> requestOfCommand(String commandId) {
        return query("SELECT * FROM request WHERE command_id = ?", StateStore::invitationRequest, commandId).stream().findFirst();
    }

    /** The request that the approvers' message {@code eventId} asks about. */
    public synchronized Optional<InvitationRequest> requestPostedAs(String eventId) {
        return query("SELECT * FROM request WHERE post_event = ?", StateStore::invitationRequest, eventId).stream().findFirst();
    }

    /** The approved request the invitation {@code invitationName} was made for, if any. */
    public synchronized Optional<InvitationRequest> requestFor(String invitationName) {
        return query("SELECT * FROM request WHERE invitation_name = ? AND state = 'APPROVED'", StateStore::invitationRequest,
                invitationName).stream().findFirst();
    }

    /** On disk: a reaction to the message is read as a decision only once the message is known. */
    public synchronized void savePostEvent(long id, String eventId) {
        durably(() -> update("UPDATE request SET post_event = ? WHERE id = ?", eventId, id));
    }

    /** The requests {@code requester} made after {@code since}. */
    public synchronized int requestsSince(String requester, Instant since) {
        return (int) query("SELECT created_at FROM request WHERE requester = ?", rows -> Instant.parse(rows.getString(1)),
                requester).stream().filter(at -> at.isAfter(since)).count();
    }

    /** Waiting for a decision (or being approved right now), oldest first. */
    public synchronized List<InvitationRequest> openRequests() {
        return query("SELECT * FROM request WHERE state IN ('OPEN', 'APPROVING') ORDER BY id", StateStore::invitationRequest);
    }

    /**
     * Claims an open request for the approval {@code commandId}; of two approvers at the same moment, one gets it.
     * The approval that claimed it may claim it again when resumed. On disk: it guards the invitation's creation.
     *
     * @return whether {@code commandId} holds the request now
     */
    public synchronized boolean claimRequest(long id, String commandId, String approver) {
        int[] claimed = new int[1];
        durably(() -> claimed[0] = update("UPDATE request SET state = 'APPROVING', decided_by = ?, decision_command = ?,"
                + " decided_at = ? WHERE id = ? AND (state = 'OPEN' OR (state = 'APPROVING' AND decision_command = ?))",
                approver, commandId, now(), id, commandId));
        return claimed[0] == 1 || request(id).map(request -> request.state() == RequestState.APPROVED
                && request.decisionCommand().orElse("").equals(commandId)).orElse(false);
    }

    /**
     * The approval could not make the invitation: the request is open again for anyone to decide. The name the
     * approval took stays with the request (an earlier one's when it took none), for Authentik may have made that
     * invitation before its answer was lost.
     */
    public synchronized void releaseRequest(long id, String commandId) {
        durably(() -> update("UPDATE request SET state = 'OPEN', decided_by = NULL, decision_command = NULL, decided_at = NULL,"
                + " invitation_name = COALESCE((SELECT invitation_name FROM command WHERE id = ?), invitation_name)"
                + " WHERE id = ? AND state = 'APPROVING' AND decision_command = ?", commandId, id, commandId));
    }

    public synchronized void requestApproved(long id, String commandId, String invitationName) {
        durably(() -> update("UPDATE request SET state = 'APPROVED', invitation_name = ? WHERE id = ? AND decision_command = ?",
                invitationName, id, commandId));
    }

    /**
     * Denies an open request; the denial {@code commandId} may repeat itself when resumed.
     *
     * @return whether {@code commandId} denied it
     */
    public synchronized boolean denyRequest(long id, String commandId, String approver, Optional<String> reason) {
        int[] denied = new int[1];
        durably(() -> denied[0] = update("UPDATE request SET state = 'DENIED', decided_by = ?, decision_command = ?,"
                + " decided_at = ?, deny_reason = ? WHERE id = ? AND (state = 'OPEN' OR (state = 'DENIED' AND decision_command = ?))",
                approver, commandId, now(), reason.orElse(null), id, commandId));
        return denied[0] == 1;
    }

    /** Closes the open requests whose time ran out at {@code now}, and returns them. */
    public synchronized List<InvitationRequest> expireRequests(Instant now) {
        List<InvitationRequest> due = query("SELECT * FROM request WHERE state = 'OPEN'", StateStore::invitationRequest).stream()
                .filter(request -> !request.expiresAt().isAfter(now)).toList();
        inTransaction(() -> {
            for (InvitationRequest request : due) {
                update("UPDATE request SET state = 'EXPIRED', decided_at = ? WHERE id = ? AND state = 'OPEN'", now.toString(),
                        request.id());
            }
        });
        return due;
    }

    /** Closed requests whose requester has not been told yet, oldest first. */
    public synchronized List<InvitationRequest> untoldRequests() {
        return query("SELECT * FROM request WHERE state IN ('APPROVED', 'DENIED', 'EXPIRED') AND told_at IS NULL ORDER BY id",
                StateStore::invitationRequest);
    }

    public synchronized void requesterTold(long id) {
        durably(() -> update("UPDATE request SET told_at = ? WHERE id = ?", now(), id));
    }

    /** @return true the first time for this room and kind, so a notice is posted once across restarts */
    public synchronized boolean firstNotice(String roomId, String kind) {
        int[] inserted = new int[1];
        durably(() -> inserted[0] = update("INSERT OR IGNORE INTO room_notice (room_id, kind) VALUES (?, ?)", roomId, kind));
        return inserted[0] == 1;
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    private void setState(String commandId, CommandState state, String column, String value, Durability durability) {
        transaction(durability, () -> {
            if (column == null) {
                update("UPDATE command SET state = ?, updated_at = ? WHERE id = ?", state.name(), now(), commandId);
            } else {
                update("UPDATE command SET state = ?, " + column + " = ?, updated_at = ? WHERE id = ?",
                        state.name(), value, now(), commandId);
            }
        });
    }

    private void writeVault(List<VaultWrite> writes) throws SQLException {
        for (VaultWrite write : writes) {
            if (write.value().isPresent()) {
                update("INSERT INTO vault (kind, id, value) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET value = excluded.value",
                        write.kind(), write.id(), write.value().get());
            } else {
                update("DELETE FROM vault WHERE kind = ? AND id = ?", write.kind(), write.id());
            }
        }
    }

    private void upsertPosition(String name, String value) throws SQLException {
        update("INSERT INTO position (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                name, value);
    }

    private String now() {
        return clock.instant().toString();
    }

    private interface Work {
        void run() throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private void inTransaction(Work work) {
        transaction(Durability.CRASH_SAFE, work);
    }

    private void durably(Work work) {
        transaction(Durability.ON_DISK, work);
    }

    /**
     * {@code synchronous} is the connection's setting at commit time: FULL makes the commit fsync the WAL,
     * which holds every frame written before, so the earlier NORMAL commits reach the disk with it.
     */
    private void transaction(Durability durability, Work work) {
        try {
            if (durability == Durability.ON_DISK) {
                synchronous("FULL");
            }
            try {
                work.run();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                if (durability == Durability.ON_DISK) {
                    synchronous("NORMAL");
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write the state file " + path + ": " + reason(e), e);
        }
    }

    /** SQLite changes the level only outside a transaction, and the driver keeps one open while autocommit is off. */
    private void synchronous(String level) throws SQLException {
        db.setAutoCommit(true);
        try (Statement statement = db.createStatement()) {
            statement.execute("PRAGMA synchronous=" + level);
        }
        db.setAutoCommit(false);
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private <T> List<T> query(String sql, Row<T> row, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
            List<T> found = new ArrayList<>();
            while (rows.next()) {
                found.add(row.read(rows));
            }
            db.commit();
            return found;
        } catch (SQLException e) {
            throw new StoreException("cannot read the state file " + path + ": " + reason(e), e);
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static CommandRecord commandRecord(ResultSet rows) throws SQLException {
        return new CommandRecord(
                new ReceivedCommand(rows.getString("id"), rows.getString("source"), rows.getString("conversation"),
                        rows.getString("sender"), rows.getString("body"), Optional.ofNullable(rows.getString("thread"))),
                CommandState.valueOf(rows.getString("state")),
                Optional.ofNullable(rows.getString("invitation_name")),
                Optional.ofNullable(rows.getString("reply")),
                Instant.parse(rows.getString("received_at")),
                Optional.ofNullable(rows.getString("waiting_event")));
    }

    private static InvitationRequest invitationRequest(ResultSet rows) throws SQLException {
        Request asked = new Request(Optional.ofNullable(rows.getString("email")), Optional.ofNullable(rows.getString("display_name")),
                fromJson(rows.getString("groups")), Optional.ofNullable(rows.getString("reason")));
        return new InvitationRequest(rows.getLong("id"), rows.getString("command_id"), rows.getString("requester"), asked,
                Instant.parse(rows.getString("created_at")), Instant.parse(rows.getString("expires_at")),
                RequestState.valueOf(rows.getString("state")), Optional.ofNullable(rows.getString("post_event")),
                Optional.ofNullable(rows.getString("decided_by")), Optional.ofNullable(rows.getString("decision_command")),
                Optional.ofNullable(rows.getString("decided_at")).map(Instant::parse),
                Optional.ofNullable(rows.getString("invitation_name")), Optional.ofNullable(rows.getString("deny_reason")),
                Optional.ofNullable(rows.getString("told_at")).map(Instant::parse));
    }

    private static BotInvitation botInvitation(ResultSet rows) throws SQLException {
        return new BotInvitation(
                UUID.fromString(rows.getString("pk")),
                rows.getString("name"),
                rows.getString("mode"),
                fromJson(rows.getString("requested_groups")),
                rows.getString("requester"),
                rows.getString("command_id"),
                Instant.parse(rows.getString("created_at")),
                Instant.parse(rows.getString("expires_at")),
                Optional.ofNullable(rows.getString("signal_number")));
    }

    private static String toJson(List<String> list) {
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fromJson(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("a group list is not JSON: " + json, e);
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
    }

    private static void closeQuietly(Connection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // nothing more can be done about a failing close
            }
        }
    }
}
