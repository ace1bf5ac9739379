package org.invitebot.testbed.matrix;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Checks a request against the operation the spec defines for it: path and query parameters
 * (required ones present, values fit their schemas, no undefined ones), the body's media type and
 * schema, fields no schema names, and for events the content against the event type's schema.
 */
final class RequestContract {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Set<String> EVENT_OPERATIONS = Set.of("sendMessage", "setRoomStateWithKey");
    private static final Set<String> TEXT_MSGTYPES = Set.of("m.text", "m.notice", "m.emote");
    // The copied m.room.message schema names only body and msgtype. These fields come from the
    // msgtype schemas (m.room.message$m.text, $m.notice, $m.emote) and the m.relates_to and
    // m.mentions mixins, which the copy does not have (API-NOTES §10).
    private static final Set<String> TEXT_MESSAGE_FIELDS = Set.of("format", "formatted_body", "m.relates_to", "m.mentions",
            "m.new_content");

    private final ClientServerSpec spec;
    private final UndeclaredFields undeclared;

    RequestContract(ClientServerSpec spec) {
        this.spec = spec;
        this.undeclared = new UndeclaredFields(spec.documents());
    }

    List<String> problems(SpecMatch.Found found, Exchange exchange) {
        List<String> problems = new ArrayList<>();
        checkParameters(found, exchange, problems);
        checkBody(found, exchange, problems);
        return problems;
    }

    private void checkParameters(SpecMatch.Found found, Exchange exchange, List<String> problems) {
        Set<String> definedQuery = new HashSet<>();
        for (SpecNode parameter : found.operation().parameters()) {
            String name = parameter.node().path("name").asText();
            String in = parameter.node().path("in").asText();
            boolean required = parameter.node().path("required").asBoolean(false);
            SpecNode schema = parameter.child("schema");
            switch (in) {
                case "path" -> validate(schema, NODES.textNode(found.pathParameters().get(name)), "path parameter " + name, problems);
                case "query" -> {
                    definedQuery.add(name);
                    List<String> values = exchange.url().queryParameterValues(name);
                    if (values.isEmpty()) {
                        if (required) {
                            problems.add("query parameter " + name + " is required");
                        }
                    } else {
                        validate(schema, queryValue(schema, values, name, problems), "query parameter " + name, problems);
                        if (name.equals("filter") && found.operation().operationId().equals("sync")) {
                            checkInlineFilter(values.get(0), problems);
                        }
                    }
                }
                default -> {
                    // header parameters, which only the content repository has, are not checked
                }
            }
        }
        for (String name : exchange.url().queryParameterNames()) {
            if (!definedQuery.contains(name)) {
                // definitions/security.yaml has no access_token query parameter any more, only the Bearer header
                problems.add("query parameter " + name + " is not defined for " + found.operation().operationId()
                        + (name.equals("access_token") ? "; send the token as Authorization: Bearer" : ""));
            }
        }
    }

    /** A {@code /sync} filter given inline: the spec types the parameter as a string, but it is a filter. */
    private void checkInlineFilter(String value, List<String> problems) {
        if (!value.startsWith("{")) {
            return;
        }
        JsonNode filter;
        try {
            filter = JSON.readTree(value);
        } catch (IOException notJson) {
            problems.add("query parameter filter: starts with '{' but is not JSON");
            return;
        }
        SpecNode schema = spec.documents().document(SpecDocuments.CLIENT_SERVER + "definitions/sync_filter.yaml").orElseThrow();
        validate(schema, filter, "query parameter filter", problems);
        undeclared.find(schema, filter, Set.of()).forEach(problem -> problems.add("query parameter filter: " + problem));
    }

    /** A query string value as the JSON value its schema expects, so that its type can be checked. */
    private JsonNode queryValue(SpecNode schema, List<String> values, String name, List<String> problems) {
        JsonNode resolved = spec.documents().resolve(schema).node();
        if (resolved.path("type").asText().equals("array")) {
            ArrayNode array = NODES.arrayNode();
            values.forEach(value -> array.add(scalar(resolved.path("items").path("type").asText(), value)));
            return array;
        }
        if (values.size() > 1) {
            problems.add("query parameter " + name + " is repeated but takes one value");
        }
        return scalar(resolved.path("type").asText(), values.get(0));
    }

    private static JsonNode scalar(String type, String value) {
        try {
            return switch (type) {
                case "integer" -> NODES.numberNode(Long.parseLong(value));
                case "number" -> NODES.numberNode(new BigDecimal(value));
                case "boolean" -> value.equals("true") || value.equals("false") ? NODES.booleanNode(Boolean.parseBoolean(value))
                        : NODES.textNode(value);
                default -> NODES.textNode(value);
            };
        } catch (NumberFormatException notANumber) {
            // left as text, the schema check reports the wrong type
            return NODES.textNode(value);
        }
    }

    private void checkBody(SpecMatch.Found found, Exchange exchange, List<String> problems) {
        Optional<SpecNode> requestBody = found.operation().requestBody();
        if (requestBody.isEmpty()) {
            if (exchange.hasBody()) {
                problems.add("body: " + found.operation().operationId() + " takes no request body");
            }
            return;
        }
        if (!exchange.hasBody()) {
            if (requestBody.get().node().path("required").asBoolean(false)) {
                problems.add("body: a request body is required (send {} when there is nothing to say)");
            }
            return;
        }
        SpecNode content = requestBody.get().child("content");
        if (!content.node().has(exchange.mediaType())) {
            problems.add("body: Content-Type \"" + exchange.mediaType() + "\" is not among " + names(content.node()));
            return;
        }
        if (!exchange.mediaType().equals("application/json")) {
            return;
        }
        if (exchange.json().isEmpty()) {
            problems.add("body: not valid JSON");
            return;
        }
        JsonNode body = exchange.json().get();
        SpecNode schema = content.child("application/json").child("schema");
        validate(schema, body, "body", problems);
        undeclared.find(schema, body, Set.of()).forEach(problem -> problems.add("body: " + problem));
        if (EVENT_OPERATIONS.contains(found.operation().operationId())) {
            checkEventContent(found.pathParameters().get("eventType"), body, problems);
        }
    }

    /** The body of a send is the event's content: check it against the event type's schema when the copy has one. */
    private void checkEventContent(String eventType, JsonNode content, List<String> problems) {
        if (!EVENT_TYPE.matcher(eventType).matches()) {
            return;
        }
        Optional<SpecNode> eventSchema = spec.documents().document(SpecDocuments.EVENT_SCHEMAS + eventType + ".yaml");
        if (eventSchema.isEmpty() || !eventSchema.get().child("properties").child("content").exists()) {
            return;
        }
        SpecNode schema = eventSchema.get().child("properties").child("content");
        String label = "content of " + eventType;
        validate(schema, content, label, problems);
        Set<String> alsoDefined = Set.of();
        if (eventType.equals("m.room.message")) {
            if (!TEXT_MSGTYPES.contains(content.path("msgtype").asText())) {
                return;
            }
            alsoDefined = TEXT_MESSAGE_FIELDS;
        }
        undeclared.find(schema, content, alsoDefined).forEach(problem -> problems.add(label + ": " + problem));
    }

    private void validate(SpecNode schema, JsonNode value, String label, List<String> problems) {
        spec.schemas().problems(schema, value).forEach(problem -> problems.add(label + ": " + problem));
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }
}
