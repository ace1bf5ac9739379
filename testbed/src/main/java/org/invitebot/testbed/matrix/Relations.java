package org.invitebot.testbed.matrix;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a homeserver checks of an event's {@code m.relates_to} before it accepts it, as Synapse does: the
 * related event is in the room, a thread never starts from an event that itself relates to another, and a
 * sender annotates an event with one key once. An encrypted event's relation is in its clear content.
 */
final class Relations {

    private Relations() {
    }

    /** Under the lock. */
    static void check(Room room, String sender, String type, JsonNode content) {
        JsonNode relation = content.path("m.relates_to");
        String relType = relation.path("rel_type").asText("");
        if (relType.isEmpty()) {
            return;
        }
        String parentId = relation.path("event_id").asText();
        RoomEvent parent = room.event(parentId)
                .orElseThrow(() -> new HomeserverRefusal(400, "M_UNKNOWN", "Can't send relation to unknown event " + parentId))
                .event();
        switch (relType) {
            case "m.thread" -> {
                if (!relationType(parent).isEmpty()) {
                    throw new HomeserverRefusal(400, "M_UNKNOWN", "Cannot start threads from an event with a relation");
                }
            }
            case "m.annotation" -> {
                if (!relation.path("key").isTextual()) {
                    throw new HomeserverRefusal(400, "M_INVALID_PARAM", "an m.annotation needs a key");
                }
                String key = relation.path("key").asText();
                boolean twice = room.timeline().stream().map(Room.Entry::event).anyMatch(event -> event.type().equals(type)
                        && event.sender().equals(sender) && annotates(event, parentId)
                        && event.content().path("m.relates_to").path("key").asText().equals(key));
                if (twice) {
                    throw new HomeserverRefusal(400, "M_DUPLICATE_ANNOTATION", "Can't send same reaction twice");
                }
            }
            default -> {
                // other relations (edits, references) need only a parent in the room
            }
        }
    }

    /** Whether {@code event} is an annotation of {@code target}; a redacted one has no relation left. */
    static boolean annotates(RoomEvent event, String target) {
        JsonNode relation = event.content().path("m.relates_to");
        return relation.path("rel_type").asText().equals("m.annotation") && relation.path("event_id").asText().equals(target);
    }

    private static String relationType(RoomEvent event) {
        return event.content().path("m.relates_to").path("rel_type").asText("");
    }
}
