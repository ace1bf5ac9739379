package org.invitebot.core.authentik;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.invitebot.core.port.AuthentikException;

/** Turns Authentik's error answers (API-NOTES §6) into messages an admin can act on. */
final class AuthentikErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthentikErrors() {
    }

    static AuthentikException unreachable(String host, IOException cause) {
        return new AuthentikException("Authentik at " + host + " is unreachable (" + describe(cause) + ")", true, cause);
    }

    /**
     * @param doing what the bot was doing, e.g. "create the invitation"
     */
    static AuthentikException fromStatus(int status, String body, String doing) {
        if (status == 403 || status == 401) {
            // Authentik answers 403 (not 401) for a bad token, and also for a missing permission
            return new AuthentikException("Authentik refused the bot's API token when trying to " + doing
                    + ": the token is invalid or expired, or its user lacks the permission"
                    + detail(body).map(d -> " (Authentik said: " + d + ")").orElse(""), false);
        }
        if (status == 400) {
            return new AuthentikException("Authentik rejected the request to " + doing + ": " + fieldErrors(body), false);
        }
        if (status == 404) {
            return new AuthentikException("Authentik found nothing when trying to " + doing
                    + detail(body).map(d -> " (" + d + ")").orElse(""), false, true, null);
        }
        if (status == 429 || status >= 500) {
            return new AuthentikException("Authentik is not answering properly (HTTP " + status + ") when trying to "
                    + doing, true);
        }
        return new AuthentikException("Authentik answered HTTP " + status + " when trying to " + doing, false);
    }

    private static java.util.Optional<String> detail(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("detail")) {
                return java.util.Optional.of(node.get("detail").asText());
            }
        } catch (IOException notJson) {
            // fall through: no detail to quote
        }
        return java.util.Optional.empty();
    }

    /** DRF validation errors: {"field": ["message", ...], "non_field_errors": [...]} → field: message; ... */
    private static String fieldErrors(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                return "no reason given";
            }
            List<String> parts = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                List<String> messages = new ArrayList<>();
                flatten(field.getValue(), messages);
                String label = field.getKey().equals("non_field_errors") ? "" : field.getKey() + ": ";
                parts.add(label + String.join(" ", messages));
            }
            return parts.isEmpty() ? "no reason given" : String.join("; ", parts);
        } catch (IOException notJson) {
            return "no reason given";
        }
    }

    private static void flatten(JsonNode node, List<String> into) {
        if (node.isArray() || node.isObject()) {
            node.forEach(child -> flatten(child, into));
        } else {
            into.add(node.asText());
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
