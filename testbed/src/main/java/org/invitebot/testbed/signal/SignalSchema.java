package org.invitebot.testbed.signal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

import org.invitebot.testbed.PathTemplate;

import org.invitebot.testbed.RequestText;

/**
 * signal-cli-rest-api's Swagger 2.0 document ({@code reference/signal-cli-rest-api-swagger.json},
 * API-NOTES §9): which operation a method and path are, and validation of values against its
 * definitions. Loaded once per JVM.
 */
final class SignalSchema {

    /** The body of {@code POST /v2/send}. */
    static final String SEND_MESSAGE = "/definitions/api.SendMessageV2";

    private static final String RESOURCE = "/reference/signal-cli-rest-api-swagger.json";
    // the address the validator loads the document by; never fetched
    private static final String ADDRESS = "https://signal-cli-rest-api.invalid/swagger.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");
    // Swagger 2.0 schemas are JSON Schema draft 4 plus keys such as example: ignore those instead of
    // warning about each one.
    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft4())
            .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
            .build();

    /**
     * A way {@code value} does not fit a schema.
     *
     * @param keyword the schema keyword it breaks, e.g. {@code type} or {@code required}
     * @param value   the offending part of the value
     */
    record Problem(String keyword, JsonNode value, String description) {
    }

    private static final class Loaded {
        static final SignalSchema INSTANCE = load();
    }

    private final Map<PathTemplate, List<SwaggerOperation>> operations;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new HashMap<>();

    private SignalSchema(Map<PathTemplate, List<SwaggerOperation>> operations, JsonNode document) {
        this.operations = operations;
        this.document = document;
        String text = document.toString();
        this.registry = SchemaRegistry.withDialect(DIALECT, builder -> builder.schemas(address -> ADDRESS.equals(address) ? text : null));
    }

    static SignalSchema get() {
        return Loaded.INSTANCE;
    }

    SchemaMatch match(String method, List<String> pathSegments) {
        Optional<PathTemplate.Fit> best = PathTemplate.bestFit(operations.keySet(), pathSegments);
        if (best.isEmpty()) {
            return new SchemaMatch.NoSuchPath();
        }
        Set<String> allowed = new TreeSet<>();
        for (SwaggerOperation operation : operations.get(best.get().template())) {
            if (operation.method().equals(method)) {
                return new SchemaMatch.Found(operation, best.get().parameters());
            }
            allowed.add(operation.method());
        }
        return new SchemaMatch.WrongMethod(allowed);
    }

    /** The fields the object schema at {@code pointer} (e.g. {@link #SEND_MESSAGE}) defines. */
    Set<String> properties(String pointer) {
        Set<String> names = new TreeSet<>();
        document.at(pointer).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * @param pointer JSON pointer into the swagger of the schema, e.g. {@link #SEND_MESSAGE}
     * @return how {@code value} does not fit it, each naming where in the value
     */
    // The validator resolves $refs lazily on first use: one validation at a time keeps that safe,
    // and validations take microseconds.
    synchronized List<Problem> problems(String pointer, JsonNode value) {
        Schema schema = compiled.computeIfAbsent(pointer, key -> registry.getSchema(SchemaLocation.of(ADDRESS + "#" + RequestText.iriFragment(key))));
        return schema.validate(value).stream()
                .map(error -> new Problem(error.getKeyword(), error.getInstanceNode(), describe(error)))
                .toList();
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        String where = location.isEmpty() || location.equals("$") ? "" : location + ": ";
        if ("additionalProperties".equals(error.getKeyword())) {
            return where + "field \"" + error.getProperty() + "\" is not in the swagger (misspelled?)";
        }
        return where + error.getMessage();
    }

    private static SignalSchema load() {
        ObjectNode document;
        try (InputStream in = SignalSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            document = (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        document.path("definitions").forEach(SignalSchema::closeObjects);
        Map<PathTemplate, List<SwaggerOperation>> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(item -> {
            String path = item.getKey();
            List<SwaggerOperation> ofPath = new ArrayList<>();
            for (String method : METHODS) {
                if (item.getValue().has(method)) {
                    ofPath.add(operation(path, method, item.getValue().get(method)));
                }
            }
            operations.put(PathTemplate.of(path), List.copyOf(ofPath));
        });
        return new SignalSchema(Map.copyOf(operations), document);
    }

    private static SwaggerOperation operation(String path, String method, JsonNode definition) {
        Map<String, JsonNode> query = new LinkedHashMap<>();
        Optional<String> bodySchema = Optional.empty();
        boolean bodyRequired = false;
        JsonNode parameters = definition.path("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode parameter = parameters.get(i);
            switch (parameter.path("in").asText()) {
                case "query" -> query.put(parameter.path("name").asText(), parameter);
                case "body" -> {
                    bodySchema = Optional.of("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/parameters/" + i
                            + "/schema");
                    bodyRequired = parameter.path("required").asBoolean(false);
                }
                default -> {
                    // path parameters come from the template; the swagger declares no header parameters
                }
            }
        }
        return new SwaggerOperation(method.toUpperCase(Locale.ROOT), path, Map.copyOf(query), bodySchema, bodyRequired);
    }

    /**
     * swaggo never writes {@code additionalProperties: false}, and Go's JSON decoding drops unknown
     * fields silently, so a misspelled optional field ({@code "textmode"}) would go unnoticed: every
     * object definition that lists its properties and says nothing about others is closed.
     */
    private static void closeObjects(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        object.path("properties").forEach(SignalSchema::closeObjects);
        closeObjects(object.path("items"));
    }
}
