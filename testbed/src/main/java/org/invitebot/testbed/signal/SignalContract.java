package org.invitebot.testbed.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a request against the swagger: the path and method must exist; query parameters must be
 * declared, present when required and of their type; the body must be JSON where the operation
 * takes one, and fit its definition with no field the definition lacks. The real server ignores
 * undeclared parameters and fields silently, which is exactly how a misspelling goes unnoticed.
 */
final class SignalContract {

    private final SignalSchema schema;

    SignalContract(SignalSchema schema) {
        this.schema = schema;
    }

    /** @return what is wrong with the request, empty when it fits */
    List<String> problems(SchemaMatch match, IncomingRequest request) {
        if (match instanceof SchemaMatch.NoSuchPath) {
            return List.of("no path of the swagger is " + request.url().encodedPath());
        }
        if (match instanceof SchemaMatch.WrongMethod wrong) {
            return List.of("the swagger defines only " + wrong.allowed() + " on this path, not " + request.method());
        }
        SwaggerOperation operation = ((SchemaMatch.Found) match).operation();
        List<String> problems = new ArrayList<>();
        checkQuery(operation, request, problems);
        checkBody(operation, request, problems);
        return problems;
    }

    private static void checkQuery(SwaggerOperation operation, IncomingRequest request, List<String> problems) {
        for (Map.Entry<String, JsonNode> declared : operation.queryParameters().entrySet()) {
            String name = declared.getKey();
            List<String> values = request.url().queryParameterValues(name);
            if (values.isEmpty() && declared.getValue().path("required").asBoolean(false)) {
                problems.add("query parameter " + name + " is required");
            }
            String type = declared.getValue().path("type").asText();
            values.stream()
                    .filter(value -> !fits(type, value))
                    .forEach(value -> problems.add("query parameter " + name + ": \"" + value + "\" is not of type " + type));
        }
        for (String name : request.url().queryParameterNames()) {
            if (!operation.queryParameters().containsKey(name)) {
                problems.add("query parameter " + name + " is not declared for " + operation.name()
                        + "; the real server would ignore it (declared: " + operation.queryParameters().keySet().stream().sorted().toList()
                        + ")");
            }
        }
    }

    private static boolean fits(String type, String value) {
        return switch (type) {
            case "integer" -> value.matches("[+-]?[0-9]+");
            case "boolean" -> value.equals("true") || value.equals("false");
            default -> true;
        };
    }

    private void checkBody(SwaggerOperation operation, IncomingRequest request, List<String> problems) {
        if (operation.bodySchema().isEmpty()) {
            if (!request.body().isEmpty()) {
                problems.add("body: " + operation.name() + " takes no request body");
            }
            return;
        }
        if (request.body().isEmpty()) {
            if (operation.bodyRequired()) {
                problems.add("body: " + operation.name() + " requires a JSON body");
            }
            return;
        }
        if (!request.mediaType().equals("application/json")) {
            problems.add("body: Content-Type \"" + request.mediaType() + "\" is not application/json");
        }
        if (request.json().isEmpty()) {
            problems.add("body: not valid JSON");
            return;
        }
        schema.problems(operation.bodySchema().get(), request.json().get())
                .forEach(problem -> problems.add("body: " + problem.description()));
    }
}
