package org.invitebot.core.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.invitebot.core.port.Invitation;

/** An {@link Invitation} as one JSON column of the store. */
final class InvitationSnapshot {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private InvitationSnapshot() {
    }

    static String write(Invitation invitation) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", invitation.pk().toString())
                .put("name", invitation.name())
                .put("single_use", invitation.singleUse())
                .put("created_by", invitation.createdBy());
        if (invitation.expires() != null) {
            node.put("expires", invitation.expires().toString());
        }
        invitation.email().ifPresent(email -> node.put("email", email));
        invitation.displayName().ifPresent(name -> node.put("display_name", name));
        node.set("attributes", JSON.valueToTree(invitation.attributes()));
        return node.toString();
    }

    static Invitation read(String json) throws SQLException {
        try {
            JsonNode node = JSON.readTree(json);
            return new Invitation(
                    UUID.fromString(node.path("pk").asText()),
                    node.path("name").asText(),
                    node.hasNonNull("expires") ? Instant.parse(node.get("expires").asText()) : null,
                    node.path("single_use").asBoolean(true),
                    text(node, "email"),
                    text(node, "display_name"),
                    JSON.convertValue(node.path("attributes"), MAP),
                    node.path("created_by").asText());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new SQLException("as_made is not an invitation snapshot: " + json, e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
