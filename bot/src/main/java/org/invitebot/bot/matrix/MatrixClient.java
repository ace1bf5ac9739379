package org.invitebot.bot.matrix;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.invitebot.core.config.Secret;

/**
 * The slice of the Matrix client-server API the bot uses (API-NOTES §0.7). Methods throw
 * {@link MatrixException} on faults.
 */
public interface MatrixClient {

    /** The user and the device the access token belongs to. */
    Whoami whoami();

    String uploadFilter(String userId, ObjectNode filter);

    /** Long-polls for up to {@code timeout}; without {@code since} it is an initial sync. */
    SyncBatch sync(Optional<String> since, String filterId, Duration timeout);

    void join(String roomId);

    /** The rooms the user has joined. */
    List<String> joinedRooms();

    /** The content of a room's state event, if the room has one of that type (e.g. {@code m.room.encryption}). */
    Optional<JsonNode> roomState(String roomId, String eventType);

    /** Sends an event; the homeserver deduplicates by {@code txnId}, so a retry never posts twice. */
    String send(String roomId, String eventType, String txnId, ObjectNode content);

    /** Takes back an event of the bot's, e.g. a reaction; idempotent per {@code txnId}. Returns the redaction's event ID. */
    String redact(String roomId, String eventId, String txnId);

    /**
     * Creates a 1:1 room with {@code userId} flagged as direct, and invites them.
     *
     * @param encrypted whether the room starts with end-to-end encryption on (Megolm)
     */
    String createDirectRoom(String userId, boolean encrypted);

    /** The users joined to a room or invited to it: whoever may read what is said there next. */
    List<String> members(String roomId);

    /** {@code POST /keys/upload}; returns the server's {@code one_time_key_counts}. */
    JsonNode uploadKeys(ObjectNode body);

    /** {@code POST /keys/query} for every device of {@code userIds}; returns the whole answer. */
    JsonNode queryKeys(Collection<String> userIds);

    /** {@code POST /keys/claim}; {@code oneTimeKeys} maps user → device → algorithm. Returns the whole answer. */
    JsonNode claimKeys(ObjectNode oneTimeKeys);

    /**
     * {@code POST /keys/device_signing/upload}. When the homeserver asks the account to prove itself (User-Interactive
     * Authentication, as it does for keys that replace others), {@code password} answers, if given.
     *
     * @throws MatrixException status 401 when it asks and no password is given, or the password is refused
     */
    void uploadCrossSigningKeys(String userId, ObjectNode keys, Optional<Secret> password);

    /** {@code POST /keys/signatures/upload}; {@code signed} maps user → key ID → signed object. Returns the {@code failures}. */
    JsonNode uploadSignatures(ObjectNode signed);

    /** {@code PUT /sendToDevice}; {@code messages} maps user → device → content. Idempotent per {@code txnId}. */
    void sendToDevice(String eventType, String txnId, ObjectNode messages);

    Optional<JsonNode> accountData(String userId, String type);

    void setAccountData(String userId, String type, ObjectNode content);
}
