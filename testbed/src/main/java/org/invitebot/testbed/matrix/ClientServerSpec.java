package org.invitebot.testbed.matrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client-server API as the copied spec defines it (API-NOTES §10): every operation of every
 * {@code client-server/*.yaml}, each under its own file's base path. Loaded once per JVM.
 */
final class ClientServerSpec {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private final SpecDocuments documents;
    private final List<SpecOperation> operations;
    private final SchemaValidation schemas = new SchemaValidation();

    private ClientServerSpec(SpecDocuments documents, List<SpecOperation> operations) {
        this.documents = documents;
        this.operations = operations;
    }

    static ClientServerSpec get() {
        return Loaded.INSTANCE;
    }

    private static final class Loaded {
        static final ClientServerSpec INSTANCE = load();
    }

    SpecDocuments documents() {
        return documents;
    }

    SchemaValidation schemas() {
        return schemas;
    }

    List<SpecOperation> operations() {
        return operations;
    }

    SpecMatch match(String method, List<String> pathSegments) {
        List<SpecMatch.Found> fitting = new ArrayList<>();
        Set<String> allowed = new TreeSet<>();
        for (SpecOperation operation : operations) {
            Optional<Map<String, String>> parameters = operation.match(pathSegments);
            if (parameters.isPresent()) {
                allowed.add(operation.method());
                if (operation.method().equals(method)) {
                    fitting.add(new SpecMatch.Found(operation, parameters.get()));
                }
            }
        }
        if (allowed.isEmpty()) {
            return new SpecMatch.NoSuchPath();
        }
        return fitting.stream()
                .max(Comparator.comparingLong(found -> found.operation().literalSegments()))
                .<SpecMatch>map(found -> found)
                .orElse(new SpecMatch.WrongMethod(allowed));
    }

    private static ClientServerSpec load() {
        SpecDocuments documents = new SpecDocuments();
        List<SpecOperation> operations = new ArrayList<>();
        for (String file : documents.clientServerFiles()) {
            SpecNode document = documents.document(file).orElseThrow();
            String basePath = document.node().path("servers").path(0).path("variables").path("basePath").path("default").asText();
            SpecNode paths = document.child("paths");
            for (String template : paths.node().properties().stream().map(Map.Entry::getKey).toList()) {
                SpecNode pathItem = documents.resolve(paths.child(template));
                for (String method : METHODS) {
                    if (pathItem.node().has(method)) {
                        operations.add(operation(documents, basePath + template, pathItem, pathItem.child(method)));
                    }
                }
            }
        }
        return new ClientServerSpec(documents, List.copyOf(operations));
    }

    private static SpecOperation operation(SpecDocuments documents, String template, SpecNode pathItem, SpecNode operation) {
        // operation-level parameters override path-level ones with the same name and location
        Map<String, SpecNode> parameters = new LinkedHashMap<>();
        for (SpecNode level : List.of(pathItem, operation)) {
            SpecNode list = level.child("parameters");
            for (int i = 0; i < list.node().size(); i++) {
                SpecNode parameter = documents.resolve(list.child(i));
                parameters.put(parameter.node().path("in").asText() + ":" + parameter.node().path("name").asText(), parameter);
            }
        }
        SpecNode body = operation.child("requestBody");
        String method = operation.pointer().substring(operation.pointer().lastIndexOf('/') + 1).toUpperCase(Locale.ROOT);
        return new SpecOperation(
                operation.node().path("operationId").asText(),
                method,
                template,
                List.of(template.substring(1).split("/", -1)),
                List.copyOf(parameters.values()),
                body.exists() ? Optional.of(documents.resolve(body)) : Optional.empty(),
                demandsToken(operation.node().path("security")),
                operation);
    }

    /** An empty requirement ({@code {}}) among the alternatives makes the token optional, as for {@code /versions}. */
    private static boolean demandsToken(JsonNode security) {
        if (security.isEmpty()) {
            return false;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
