package org.invitebot.bot.matrix;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one {@code /sync} answer brought that the bot cares about.
 *
 * @param nextBatch the token for the next sync
 * @param events timeline events of joined rooms, in order
 * @param invites rooms the bot has been invited to
 */
public record SyncBatch(String nextBatch, List<RoomEvent> events, List<RoomInvite> invites) {

    public SyncBatch {
        events = List.copyOf(events);
        invites = List.copyOf(invites);
    }

    /** @param stateKey present only on state events */
    public record RoomEvent(String roomId, String eventId, String type, String sender, String stateKey,
            JsonNode content) {
    }

    /** @param inviter who invited the bot; {@code direct} when the invite is for a 1:1 chat */
    public record RoomInvite(String roomId, String inviter, boolean direct) {
    }
}
