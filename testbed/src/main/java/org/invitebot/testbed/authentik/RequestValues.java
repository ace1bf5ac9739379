package org.invitebot.testbed.authentik;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Reading request bodies and path values the way DRF and Django do. */
final class RequestValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    // Django's UUIDField takes the 32 hex digits with or without dashes; UUID.fromString would take "1-1-1-1-1"
    private static final Pattern UUID_TEXT = Pattern.compile(
            "(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");

    private RequestValues() {
    }

    /**
     * The body as a JSON object; an empty body is an empty object, as DRF sees it.
     *
     * @throws AuthentikRefusal 400 as DRF answers a body that is no JSON, or JSON that is no object
     */
    static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw AuthentikRefusal.detail(400, "JSON parse error - " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw AuthentikRefusal.invalid("non_field_errors", "Invalid data. Expected a dictionary, but got "
                    + pythonType(node) + ".");
        }
        return node;
    }

    static Optional<UUID> uuid(String text) {
        if (text == null || !UUID_TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        String hex = text.replace("-", "");
        return Optional.of(UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20)));
    }

    /** The Python type name DRF puts into its messages. */
    static String pythonType(JsonNode node) {
        if (node.isArray()) {
            return "list";
        }
        if (node.isTextual()) {
            return "str";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isNumber()) {
            return "float";
        }
        return node.isNull() ? "NoneType" : "dict";
    }
}
