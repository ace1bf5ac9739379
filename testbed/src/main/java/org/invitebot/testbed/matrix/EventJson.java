package org.invitebot.testbed.matrix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Events in the shapes the client-server API returns them (client_event.yaml, stripped_state.yaml). */
final class EventJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {
    }

    /**
     * A client event as {@code viewer} sees it: {@code unsigned.transaction_id} only for the
     * device that sent it, which is how a client recognises its own echo.
     */
    static ObjectNode clientEvent(Room.Entry entry, Accounts.Session viewer, long nowMillis, boolean withRoomId) {
        RoomEvent event = entry.event();
        ObjectNode json = NODES.objectNode()
                .put("event_id", event.eventId())
                .put("type", event.type())
                .put("sender", event.sender())
                .put("origin_server_ts", event.originServerTs());
        if (withRoomId) {
            json.put("room_id", event.roomId());
        }
        if (event.isState()) {
            json.put("state_key", event.stateKey());
        }
        json.set("content", event.content().deepCopy());
        ObjectNode unsigned = json.putObject("unsigned").put("age", nowMillis - event.originServerTs());
        if (viewer.deviceId().equals(entry.txnDevice())) {
            unsigned.put("transaction_id", entry.txnId());
        }
        return json;
    }

    static ObjectNode stripped(RoomEvent event) {
        ObjectNode json = NODES.objectNode()
                .put("type", event.type())
                .put("state_key", event.stateKey())
                .put("sender", event.sender());
        json.set("content", event.content().deepCopy());
        return json;
    }
}
