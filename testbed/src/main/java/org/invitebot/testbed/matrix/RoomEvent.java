package org.invitebot.testbed.matrix;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event in a room of the stand-in homeserver.
 *
 * @param stateKey       the state key of a state event, {@code null} for a message event
 * @param content        the content as sent; treat it as read-only
 * @param originServerTs milliseconds since the epoch, from the homeserver's clock
 */
public record RoomEvent(String eventId, String roomId, String type, String sender, String stateKey, JsonNode content,
        long originServerTs) {

    public boolean isState() {
        return stateKey != null;
    }

    /** An {@code m.room.message} event, whatever its msgtype. */
    public boolean isMessage() {
        return type.equals("m.room.message");
    }
}
