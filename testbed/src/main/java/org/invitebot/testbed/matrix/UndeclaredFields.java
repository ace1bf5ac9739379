package org.invitebot.testbed.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finds object fields that the schema does not name. The Matrix schemas almost never say
 * {@code additionalProperties: false}, so plain validation lets a misspelled optional field
 * ({@code "is_dirrect"}) through and the server silently ignores it; the bot is our own code and
 * has no business sending fields the spec does not define.
 *
 * <p>An object is checked only where its schemas list {@code properties} and allow nothing else
 * (no {@code additionalProperties}, no {@code patternProperties}); {@code allOf}, {@code oneOf},
 * {@code anyOf} and {@code $ref} are merged, alternatives leniently (a field any branch names is
 * accepted).
 */
final class UndeclaredFields {

    private static final int DEEPEST_NESTING = 32;

    private final SpecDocuments documents;

    UndeclaredFields(SpecDocuments documents) {
        this.documents = documents;
    }

    /**
     * @param alsoDefined top-level fields to accept besides those the schema names, for schemas the
     *                    spec copy has only in part
     */
    List<String> find(SpecNode schema, JsonNode value, Set<String> alsoDefined) {
        List<String> problems = new ArrayList<>();
        walk(List.of(schema), value, "", alsoDefined, problems);
        return problems;
    }

    private void walk(List<SpecNode> schemas, JsonNode value, String at, Set<String> alsoDefined, List<String> problems) {
        if (schemas.isEmpty() || !(value.isObject() || value.isArray())) {
            return;
        }
        Shape shape = new Shape();
        schemas.forEach(schema -> collect(schema, shape, 0));
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                walk(shape.items, value.get(i), at + "/" + i, Set.of(), problems);
            }
            return;
        }
        boolean closed = !shape.open && !shape.properties.isEmpty();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            List<SpecNode> declared = shape.properties.get(field.getKey());
            if (declared != null) {
                walk(declared, field.getValue(), at + "/" + field.getKey(), Set.of(), problems);
            } else if (closed && !alsoDefined.contains(field.getKey())) {
                problems.add((at.isEmpty() ? "" : at + ": ") + "field \"" + field.getKey()
                        + "\" is not defined by the schema (misspelled?); defined: " + shape.properties.keySet());
            }
        }
    }

    private void collect(SpecNode schema, Shape shape, int depth) {
        JsonNode node = schema.node();
        if (depth > DEEPEST_NESTING || !node.isObject()) {
            shape.open |= !(node.isBoolean() && !node.asBoolean());
            return;
        }
        if (node.has("$ref")) {
            collect(documents.follow(schema, node.get("$ref").asText()), shape, depth + 1);
        }
        JsonNode additional = node.path("additionalProperties");
        shape.open |= !additional.isMissingNode() && !(additional.isBoolean() && !additional.asBoolean());
        shape.open |= node.has("patternProperties");
        for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
            String name = property.getKey();
            shape.properties.computeIfAbsent(name, key -> new ArrayList<>()).add(schema.child("properties").child(name));
        }
        if (node.has("items")) {
            shape.items.add(schema.child("items"));
        }
        SpecNode allOf = schema.child("allOf");
        for (int i = 0; i < allOf.node().size(); i++) {
            collect(allOf.child(i), shape, depth + 1);
        }
        for (String keyword : List.of("oneOf", "anyOf")) {
            SpecNode branches = schema.child(keyword);
            for (int i = 0; i < branches.node().size(); i++) {
                Shape branch = new Shape();
                collect(branches.child(i), branch, depth + 1);
                // a branch that admits any object leaves nothing to check against
                shape.open |= branch.open || branch.properties.isEmpty() && admitsObjects(documents.resolve(branches.child(i)).node());
                branch.properties.forEach((name, schemas) -> shape.properties.computeIfAbsent(name, key -> new ArrayList<>()).addAll(schemas));
                shape.items.addAll(branch.items);
            }
        }
    }

    private static boolean admitsObjects(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isMissingNode()) {
            return true;
        }
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (one.asText().equals("object")) {
                    return true;
                }
            }
            return false;
        }
        return type.asText().equals("object");
    }

    /** What a set of schemas says about an object's fields and an array's items. */
    private static final class Shape {
        final Map<String, List<SpecNode>> properties = new LinkedHashMap<>();
        final List<SpecNode> items = new ArrayList<>();
        boolean open;
    }
}
