package org.invitebot.bot.matrix;

import java.util.HashMap;
import java.util.Map;

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
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> known = new HashMap<>();

    DirectRooms(MatrixClient matrix, String ownUserId) {
        this.matrix = matrix;
        this.ownUserId = ownUserId;
    }

    synchronized String roomWith(String userId) {
        String cached = known.get(userId);
        if (cached != null) {
            return cached;
        }
        ObjectNode direct = matrix.accountData(ownUserId, M_DIRECT)
                .filter(JsonNode::isObject)
                .map(node -> ((ObjectNode) node).deepCopy())
                .orElseGet(json::createObjectNode);
        JsonNode rooms = direct.path(userId);
        String room;
        if (rooms.isArray() && !rooms.isEmpty()) {
            room = rooms.get(0).asText();
        } else {
            room = matrix.createDirectRoom(userId);
            ArrayNode list = direct.putArray(userId);
            list.add(room);
            matrix.setAccountData(ownUserId, M_DIRECT, direct);
        }
        known.put(userId, room);
        return room;
    }
}
