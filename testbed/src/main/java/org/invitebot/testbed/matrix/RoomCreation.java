package org.invitebot.testbed.matrix;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a {@code POST /createRoom} asks for, and the state events it implies in the order the spec
 * prescribes (create_room.yaml): create, the creator's join, power levels, the preset's rules,
 * {@code initial_state}, name and topic. Invites follow separately, as member events.
 */
record RoomCreation(String preset, String name, String topic, boolean isDirect, List<String> invites,
        List<JsonNode> initialState, JsonNode creationContent, JsonNode powerLevelOverride) {

    static final String ROOM_VERSION = "11";
    static final String MEGOLM = "m.megolm.v1.aes-sha2";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A state event to be sent by the creator. */
    record Draft(String type, String stateKey, ObjectNode content) {
    }

    static RoomCreation fromRequest(JsonNode body) {
        String visibility = body.path("visibility").asText("private");
        List<String> invites = new ArrayList<>();
        body.path("invite").forEach(user -> invites.add(user.asText()));
        List<JsonNode> initialState = new ArrayList<>();
        body.path("initial_state").forEach(initialState::add);
        return new RoomCreation(
                body.path("preset").asText(visibility.equals("public") ? "public_chat" : "private_chat"),
                body.path("name").asText(null),
                body.path("topic").asText(null),
                body.path("is_direct").asBoolean(false),
                invites,
                initialState,
                body.path("creation_content"),
                body.path("power_level_content_override"));
    }

    /** A private room as a user's client would create it, encrypted if asked. */
    static RoomCreation privateRoom(String name, boolean encrypted) {
        List<JsonNode> initialState = new ArrayList<>();
        if (encrypted) {
            ObjectNode encryption = NODES.objectNode().put("type", "m.room.encryption").put("state_key", "");
            encryption.putObject("content").put("algorithm", MEGOLM);
            initialState.add(encryption);
        }
        return new RoomCreation("private_chat", name, null, false, List.of(), initialState, NODES.missingNode(),
                NODES.missingNode());
    }

    /** A 1:1 chat as a client starts one: trusted_private_chat, {@code is_direct}, the other user invited. */
    static RoomCreation directChat(String invitee) {
        return new RoomCreation("trusted_private_chat", null, null, true, List.of(invitee), List.of(), NODES.missingNode(),
                NODES.missingNode());
    }

    List<Draft> stateEvents(String creator) {
        List<Draft> drafts = new ArrayList<>();
        ObjectNode create = NODES.objectNode().put("room_version", ROOM_VERSION);
        if (creationContent.isObject()) {
            create.setAll((ObjectNode) creationContent);
        }
        drafts.add(new Draft("m.room.create", "", create));
        drafts.add(new Draft("m.room.member", creator, NODES.objectNode().put("membership", "join")
                .put("displayname", localpart(creator))));
        drafts.add(new Draft("m.room.power_levels", "", powerLevels(creator)));
        boolean isPublic = preset.equals("public_chat");
        drafts.add(new Draft("m.room.join_rules", "", NODES.objectNode().put("join_rule", isPublic ? "public" : "invite")));
        drafts.add(new Draft("m.room.history_visibility", "", NODES.objectNode().put("history_visibility", "shared")));
        drafts.add(new Draft("m.room.guest_access", "", NODES.objectNode().put("guest_access", isPublic ? "forbidden" : "can_join")));
        for (JsonNode state : initialState) {
            drafts.add(new Draft(state.path("type").asText(), state.path("state_key").asText(""),
                    state.path("content").isObject() ? ((ObjectNode) state.get("content")).deepCopy() : NODES.objectNode()));
        }
        if (name != null) {
            drafts.add(new Draft("m.room.name", "", NODES.objectNode().put("name", name)));
        }
        if (topic != null) {
            drafts.add(new Draft("m.room.topic", "", NODES.objectNode().put("topic", topic)));
        }
        return drafts;
    }

    static String localpart(String userId) {
        int colon = userId.indexOf(':');
        return userId.substring(1, colon < 0 ? userId.length() : colon);
    }

    // Synapse's defaults; trusted_private_chat makes every invitee as powerful as the creator.
    private ObjectNode powerLevels(String creator) {
        ObjectNode levels = NODES.objectNode();
        ObjectNode users = levels.putObject("users").put(creator, 100);
        if (preset.equals("trusted_private_chat")) {
            invites.forEach(invitee -> users.put(invitee, 100));
        }
        levels.put("users_default", 0);
        levels.putObject("events")
                .put("m.room.name", 50).put("m.room.power_levels", 100).put("m.room.history_visibility", 100)
                .put("m.room.canonical_alias", 50).put("m.room.avatar", 50).put("m.room.tombstone", 100)
                .put("m.room.server_acl", 100).put("m.room.encryption", 100);
        levels.put("events_default", 0).put("state_default", 50).put("ban", 50).put("kick", 50)
                .put("redact", 50).put("invite", 0);
        if (powerLevelOverride.isObject()) {
            levels.setAll((ObjectNode) powerLevelOverride);
        }
        return levels;
    }
}
