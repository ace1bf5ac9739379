package org.invitebot.bot.matrix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one {@code /sync} answer brought that the bot cares about.
 *
 * @param nextBatch the token for the next sync
 * @param events timeline events of joined rooms, in order
 * @param invites rooms the bot has been invited to
 * @param encryptedRooms joined rooms in this batch whose state turns on end-to-end encryption
 * @param toDevice to-device events; the homeserver deletes them once the next sync uses {@code nextBatch}
 * @param deviceLists users whose devices changed, or with whom the bot no longer shares an encrypted room
 * @param oneTimeKeys what the homeserver still holds of the bot's device's one-time and fallback keys
 */
public record SyncBatch(String nextBatch, List<RoomEvent> events, List<RoomInvite> invites, Set<String> encryptedRooms,
        List<ToDevice> toDevice, DeviceLists deviceLists, OneTimeKeys oneTimeKeys) {

    public SyncBatch {
        events = List.copyOf(events);
        invites = List.copyOf(invites);
        encryptedRooms = Set.copyOf(encryptedRooms);
        toDevice = List.copyOf(toDevice);
    }

    /** The same batch with its room events replaced, e.g. by their decrypted form. */
    public SyncBatch withEvents(List<RoomEvent> replaced) {
        return new SyncBatch(nextBatch, replaced, invites, encryptedRooms, toDevice, deviceLists, oneTimeKeys);
    }

    /**
     * The events that happened after {@code userId} was in the room. A room joined in this batch comes
     * with its recent history up to the join; commands in that history were not meant for the bot.
     */
    public List<RoomEvent> eventsAfterJoinOf(String userId) {
        List<RoomEvent> kept = new ArrayList<>();
        Set<String> joinedHere = new HashSet<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            RoomEvent event = events.get(i);
            if (joinedHere.contains(event.roomId())) {
                continue;
            }
            if (event.isJoinOf(userId)) {
                joinedHere.add(event.roomId());
            }
            kept.add(0, event);
        }
        return kept;
    }

    /**
     * @param stateKey present only on state events
     * @param distrust for a decrypted event, why its sending device may not command the bot (matrix.encryption.trust)
     */
    public record RoomEvent(String roomId, String eventId, String type, String sender, String stateKey,
            JsonNode content, Optional<String> distrust) {

        public RoomEvent(String roomId, String eventId, String type, String sender, String stateKey, JsonNode content) {
            this(roomId, eventId, type, sender, stateKey, content, Optional.empty());
        }

        boolean isJoinOf(String userId) {
            return type.equals("m.room.member") && userId.equals(stateKey)
                    && content.path("membership").asText().equals("join");
        }
    }

    public record ToDevice(String sender, String type, JsonNode content) {
    }

    public record DeviceLists(Set<String> changed, Set<String> left) {

        public DeviceLists {
            changed = Set.copyOf(changed);
            left = Set.copyOf(left);
        }
    }

    /**
     * @param counts unclaimed one-time keys by algorithm
     * @param unusedFallbackTypes absent when the homeserver does not report fallback keys
     */
    public record OneTimeKeys(Map<String, Integer> counts, Optional<Set<String>> unusedFallbackTypes) {

        public OneTimeKeys {
            counts = Map.copyOf(counts);
        }
    }

    /** @param inviter who invited the bot; {@code direct} when the invite is for a 1:1 chat */
    public record RoomInvite(String roomId, String inviter, boolean direct) {
    }
}
