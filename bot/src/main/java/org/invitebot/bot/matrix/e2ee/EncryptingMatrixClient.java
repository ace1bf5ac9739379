package org.invitebot.bot.matrix.e2ee;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.bot.matrix.SyncBatch;
import org.invitebot.bot.matrix.Whoami;
import org.invitebot.core.config.Secret;

/**
 * The Matrix client the bot talks through when encryption is on: what it sends to an encrypted room goes
 * out as {@code m.room.encrypted}, encrypted once per transaction ID, so every retry and every restart
 * sends the same ciphertext under the same ID. Everything else passes through.
 */
public final class EncryptingMatrixClient implements MatrixClient {

    private final MatrixClient plain;
    private final Encryption encryption;

    public EncryptingMatrixClient(MatrixClient plain, Encryption encryption) {
        this.plain = plain;
        this.encryption = encryption;
    }

    @Override
    public String send(String roomId, String eventType, String txnId, ObjectNode content) {
        if (!encryption.isEncrypted(roomId)) {
            return plain.send(roomId, eventType, txnId, content);
        }
        ObjectNode encrypted = encryption.encrypt(roomId, eventType, txnId, content);
        String eventId = plain.send(roomId, "m.room.encrypted", txnId, encrypted);
        encryption.sent(txnId);
        return eventId;
    }

    @Override
    public Whoami whoami() {
        return plain.whoami();
    }

    @Override
    public String uploadFilter(String userId, ObjectNode filter) {
        return plain.uploadFilter(userId, filter);
    }

    @Override
    public SyncBatch sync(Optional<String> since, String filterId, Duration timeout) {
        return plain.sync(since, filterId, timeout);
    }

    @Override
    public void join(String roomId) {
        plain.join(roomId);
    }

    @Override
    public List<String> joinedRooms() {
        return plain.joinedRooms();
    }

    @Override
    public Optional<JsonNode> roomState(String roomId, String eventType) {
        return plain.roomState(roomId, eventType);
    }

    @Override
    public String redact(String roomId, String eventId, String txnId) {
        return plain.redact(roomId, eventId, txnId);
    }

    @Override
    public String createDirectRoom(String userId, boolean encrypted) {
        return plain.createDirectRoom(userId, encrypted);
    }

    @Override
    public List<String> members(String roomId) {
        return plain.members(roomId);
    }

    @Override
    public JsonNode uploadKeys(ObjectNode body) {
        return plain.uploadKeys(body);
    }

    @Override
    public JsonNode queryKeys(Collection<String> userIds) {
        return plain.queryKeys(userIds);
    }

    @Override
    public JsonNode claimKeys(ObjectNode oneTimeKeys) {
        return plain.claimKeys(oneTimeKeys);
    }

    @Override
    public void uploadCrossSigningKeys(String userId, ObjectNode keys, Optional<Secret> password) {
        plain.uploadCrossSigningKeys(userId, keys, password);
    }

    @Override
    public JsonNode uploadSignatures(ObjectNode signed) {
        return plain.uploadSignatures(signed);
    }

    @Override
    public void sendToDevice(String eventType, String txnId, ObjectNode messages) {
        plain.sendToDevice(eventType, txnId, messages);
    }

    @Override
    public Optional<JsonNode> accountData(String userId, String type) {
        return plain.accountData(userId, type);
    }

    @Override
    public void setAccountData(String userId, String type, ObjectNode content) {
        plain.setAccountData(userId, type, content);
    }
}
