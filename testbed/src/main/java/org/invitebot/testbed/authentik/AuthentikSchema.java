package org.invitebot.testbed.authentik;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;

import org.invitebot.testbed.PathTemplate;

/**
 * Authentik 2026.2's OpenAPI 3.0 schema ({@code reference/authentik-schema.yml}): which operation a
 * method and path are, and validation of values against the schemas of its parameters and body.
 * Loaded once per JVM; a path item is parsed when a request first reaches it.
 */
final class AuthentikSchema {

    static final String BASE_PATH = "/api/v3";

    private static final String RESOURCE = "/reference/authentik-schema.yml";
    private static final List<String> METHODS = List.of("get", "put", "post", "patch", "delete");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    // OpenAPI keys such as description, example or readOnly are not validation keywords: ignore
    // them instead of warning about each one.
    private static final Dialect DIALECT = Dialect.builder(Dialects.getOpenApi30())
            .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
            .build();

    private static final class Loaded {
        static final AuthentikSchema INSTANCE = load();
    }

    private final SchemaBlocks blocks;
    private final List<PathTemplate> templates;
    private final Map<String, List<SchemaOperation>> pathItems = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final AtomicInteger documentCount = new AtomicInteger();
    private final SchemaRegistry registry = SchemaRegistry.withDialect(DIALECT,
            builder -> builder.schemas(address -> Optional.ofNullable(documents.get(address)).map(JsonNode::toString).orElse(null)));
    private final Map<String, Schema> compiled = new HashMap<>();

    private AuthentikSchema(SchemaBlocks blocks) {
        this.blocks = blocks;
        this.templates = blocks.templates().stream()
                .map(PathTemplate::of)
                .toList();
    }

    static AuthentikSchema get() {
        return Loaded.INSTANCE;
    }

    /** @param path below {@link #BASE_PATH}, starting with {@code /} */
    SchemaMatch match(String method, String path) {
        List<String> segments = List.of(path.substring(1).split("/", -1));
        Optional<PathTemplate.Fit> best = PathTemplate.bestFit(templates, segments);
        if (best.isEmpty()) {
            return new SchemaMatch.NoSuchPath();
        }
        List<SchemaOperation> operations = pathItems.computeIfAbsent(best.get().template().template(), this::parse);
        Set<String> allowed = new TreeSet<>();
        for (SchemaOperation operation : operations) {
            if (operation.method().equals(method)) {
                return new SchemaMatch.Found(operation, best.get().parameters());
            }
            allowed.add(operation.method());
        }
        return new SchemaMatch.WrongMethod(allowed);
    }

    /** Follows a {@code $ref}; a node without one is returned as is. */
    SchemaNode resolve(SchemaNode node) {
        return node.resolve(documents.get(node.document()));
    }

    /** Problems of {@code value} against {@code schema}, each naming where in the value it is. */
    // The validator resolves $refs lazily on first use and schemas share loaded documents: one
    // validation at a time keeps that safe, and validations take microseconds.
    synchronized List<String> problems(SchemaNode schema, JsonNode value) {
        Schema compiledSchema = compiled.computeIfAbsent(schema.iri(), iri -> registry.getSchema(SchemaLocation.of(iri)));
        return compiledSchema.validate(value).stream().map(AuthentikSchema::describe).toList();
    }

    private List<SchemaOperation> parse(String template) {
        JsonNode document;
        try {
            document = YAML.readTree(blocks.document(template));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the schema of " + template, e);
        }
        document.path("components").path("schemas").forEach(AuthentikSchema::closeObjects);
        String address = "https://schema.authentik.invalid/" + documentCount.incrementAndGet() + ".json";
        documents.put(address, document);
        SchemaNode item = new SchemaNode(address, "", document).child("paths").child(template);
        List<SchemaOperation> operations = new ArrayList<>();
        for (String method : METHODS) {
            if (item.node().has(method)) {
                operations.add(operation(document, template, item, item.child(method), method.toUpperCase(Locale.ROOT)));
            }
        }
        return List.copyOf(operations);
    }

    private static SchemaOperation operation(JsonNode document, String template, SchemaNode item, SchemaNode operation,
            String method) {
        // operation-level parameters override path-level ones with the same name and location
        Map<String, SchemaNode> parameters = new LinkedHashMap<>();
        for (SchemaNode level : List.of(item, operation)) {
            SchemaNode list = level.child("parameters");
            for (int i = 0; i < list.node().size(); i++) {
                SchemaNode parameter = list.child(i).resolve(document);
                parameters.put(parameter.node().path("in").asText() + ":" + parameter.node().path("name").asText(), parameter);
            }
        }
        SchemaNode body = operation.child("requestBody");
        body.node().path("content").forEach(media -> closeObjects(media.path("schema")));
        return new SchemaOperation(operation.node().path("operationId").asText(), method, template,
                List.copyOf(parameters.values()), body.exists() ? Optional.of(body.resolve(document)) : Optional.empty(), operation);
    }

    /**
     * drf-spectacular never writes {@code additionalProperties: false}, so a misspelled optional
     * field ({@code "singleuse"}) passes plain validation, and Authentik silently ignores it. The
     * bot has no business sending fields the schema lacks: every object schema that lists its
     * properties and says nothing about others is closed. Safe for this schema because
     * drf-spectacular uses {@code allOf} only to wrap a single {@code $ref}.
     */
    private static void closeObjects(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        object.path("properties").forEach(AuthentikSchema::closeObjects);
        closeObjects(object.path("items"));
        closeObjects(object.path("additionalProperties"));
        for (String composition : List.of("allOf", "anyOf", "oneOf")) {
            object.path(composition).forEach(AuthentikSchema::closeObjects);
        }
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        String where = location.isEmpty() || location.equals("$") ? "" : location + ": ";
        if ("additionalProperties".equals(error.getKeyword())) {
            return where + "field \"" + error.getProperty() + "\" is not in the schema (misspelled?)";
        }
        return where + error.getMessage();
    }

    private static AuthentikSchema load() {
        try (InputStream in = AuthentikSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new AuthentikSchema(SchemaBlocks.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
