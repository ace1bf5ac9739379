package org.invitebot.bot.matrix;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bot's 1:1 rooms with admins, kept in the {@code m.direct} account data as Matrix clients do,
 * so a room is created once per admin and reused afterwards, across restarts.
 */
final class DirectRooms {

    private static final String M_DIRECT = "m.direct";

    private final MatrixClient matrix;
    private final String ownUserId;
    /** A link is a credential: with encryption on, the room it goes to is encrypted from its first event. */
    private final boolean encrypted;
    private final ObjectMapper json = new ObjectMapper();
    /** The m.direct content, read once: only this bot writes its own account data. */
    private ObjectNode direct;

    DirectRooms(MatrixClient matrix, String ownUserId, boolean encrypted) {
        this.matrix = matrix;
        this.ownUserId = ownUserId;
        this.encrypted = encrypted;
    }

    /** The 1:1 room with {@code userId}, created (and recorded in m.direct) the first time. */
    synchronized String roomWith(String userId) {
        JsonNode rooms = direct().path(userId);
        if (rooms.isArray() && !rooms.isEmpty()) {
            return rooms.get(0).asText();
        }
        String room = matrix.createDirectRoom(userId, encrypted);
        remember(userId, room);
        return room;
    }

    /** Records a 1:1 room {@code userId} opened with the bot, so commands there are accepted. */
    synchronized void remember(String userId, String roomId) {
        if (isDirectWith(roomId, userId)) {
            return;
        }
        JsonNode existing = direct().path(userId);
        ArrayNode list = existing.isArray() ? (ArrayNode) existing : direct().putArray(userId);
        list.add(roomId);
        matrix.setAccountData(ownUserId, M_DIRECT, direct());
    }

    synchronized boolean isDirectWith(String roomId, String userId) {
        for (JsonNode room : direct().path(userId)) {
            if (room.asText().equals(roomId)) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode direct() {
        if (direct == null) {
            direct = matrix.accountData(ownUserId, M_DIRECT)
                    .filter(JsonNode::isObject)
                    .map(node -> ((ObjectNode) node).deepCopy())
                    .orElseGet(json::createObjectNode);
        }
        return direct;
    }
}
