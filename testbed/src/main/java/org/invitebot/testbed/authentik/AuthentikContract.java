package org.invitebot.testbed.authentik;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import okhttp3.HttpUrl;

/**
 * Checks a request against Authentik's schema: the path and method must exist; path and query
 * parameters must fit their schemas; the body must have a declared media type and fit its schema,
 * with no field the schema lacks. Query parameters the operation does not declare are reported too:
 * Authentik ignores them silently, which is exactly how a misspelled filter goes unnoticed against
 * the real server.
 */
final class AuthentikContract {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthentikSchema schema;

    AuthentikContract(AuthentikSchema schema) {
        this.schema = schema;
    }

    /** @return what is wrong with the request, empty when it fits */
    List<String> problems(SchemaMatch match, String method, HttpUrl url, String contentType, String body) {
        if (match instanceof SchemaMatch.NoSuchPath) {
            return List.of("no path of Authentik's schema is " + url.encodedPath());
        }
        if (match instanceof SchemaMatch.WrongMethod wrong) {
            return List.of("the schema defines only " + wrong.allowed() + " on this path, not " + method);
        }
        SchemaMatch.Found found = (SchemaMatch.Found) match;
        List<String> problems = new ArrayList<>();
        checkParameters(found, url, problems);
        checkBody(found.operation(), contentType, body, problems);
        return problems;
    }

    private void checkParameters(SchemaMatch.Found found, HttpUrl url, List<String> problems) {
        Set<String> declared = new HashSet<>();
        for (SchemaNode parameter : found.operation().parameters()) {
            String name = parameter.node().path("name").asText();
            SchemaNode parameterSchema = parameter.child("schema");
            switch (parameter.node().path("in").asText()) {
                case "path" -> validate(parameterSchema, NODES.textNode(found.pathParameters().get(name)), "path parameter " + name,
                        problems);
                case "query" -> {
                    declared.add(name);
                    List<String> values = url.queryParameterValues(name);
                    if (values.isEmpty() && parameter.node().path("required").asBoolean(false)) {
                        problems.add("query parameter " + name + " is required");
                    } else if (!values.isEmpty()) {
                        validate(parameterSchema, queryValue(parameterSchema, values, name, problems), "query parameter " + name,
                                problems);
                    }
                }
                default -> {
                    // no operation the bot uses has header or cookie parameters
                }
            }
        }
        for (String name : url.queryParameterNames()) {
            if (!declared.contains(name)) {
                problems.add("query parameter " + name + " is not declared for " + found.operation().operationId()
                        + "; Authentik would ignore it (declared: " + declared.stream().sorted().toList() + ")");
            }
        }
    }

    /** A query string value as the JSON value its schema expects, so that its type can be checked. */
    private JsonNode queryValue(SchemaNode parameterSchema, List<String> values, String name, List<String> problems) {
        JsonNode resolved = schema.resolve(parameterSchema).node();
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

    private void checkBody(SchemaOperation operation, String contentType, String body, List<String> problems) {
        boolean hasBody = body != null && !body.isEmpty();
        if (operation.requestBody().isEmpty()) {
            if (hasBody) {
                problems.add("body: " + operation.operationId() + " takes no request body");
            }
            return;
        }
        SchemaNode requestBody = operation.requestBody().get();
        if (!hasBody) {
            if (requestBody.node().path("required").asBoolean(false)) {
                problems.add("body: " + operation.operationId() + " requires a request body");
            }
            return;
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        SchemaNode content = requestBody.child("content");
        if (!content.node().has(mediaType)) {
            List<String> declared = new ArrayList<>();
            content.node().fieldNames().forEachRemaining(declared::add);
            problems.add("body: Content-Type \"" + mediaType + "\" is not among " + declared);
            return;
        }
        if (!mediaType.equals("application/json")) {
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException notJson) {
            problems.add("body: not valid JSON");
            return;
        }
        validate(content.child(mediaType).child("schema"), json, "body", problems);
    }

    private void validate(SchemaNode parameterSchema, JsonNode value, String label, List<String> problems) {
        schema.problems(parameterSchema, value).forEach(problem -> problems.add(label + ": " + problem));
    }
}
