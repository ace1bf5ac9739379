package org.invitebot.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;

/**
 * A place in the YAML tree with its key path. Reads record what is wrong with the value there in
 * {@link Problems} and fall back, so one pass over the file finds every problem. An absent key and an
 * explicit {@code null} (a key with nothing after the colon) both mean "not set".
 */
final class ConfigNode {

    private final JsonNode node;
    private final String path;
    private final Problems problems;

    private ConfigNode(JsonNode node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    static ConfigNode root(JsonNode tree, Problems problems) {
        return new ConfigNode(tree, "", problems);
    }

    boolean isSet() {
        return !node.isMissingNode() && !node.isNull();
    }

    /** Whether YAML read a number here: it drops a leading + and leading zeros. */
    boolean isNumber() {
        return node.isNumber();
    }

    /** Whether there is an empty string here, which is what YAML leaves of an unquoted {@code !tag}. */
    boolean isEmptyText() {
        return node.isTextual() && node.textValue().isEmpty();
    }

    ConfigNode at(String key) {
        return new ConfigNode(node.path(key), KeyPath.key(path, key), problems);
    }

    void problem(String message) {
        problems.add(path, message);
    }

    /** Records an unknown key under this map, or that this is not a map at all. */
    void allowKeys(List<String> keys) {
        if (!isSet() || reportedUnresolved()) {
            return;
        }
        if (!node.isObject()) {
            problem("expected a map with the keys " + String.join(", ", keys));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!keys.contains(entry.getKey())) {
                problems.add(KeyPath.key(path, entry.getKey()),
                        "unknown key; expected one of " + String.join(", ", keys));
            }
        }
    }

    /** The value here, or empty when it is not set or not of the form (then a problem is recorded). */
    <T> Optional<T> as(Form<T> form) {
        if (!isSet() || reportedUnresolved()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            problem("expected " + form.expected());
            return Optional.empty();
        }
        String text = node.asText();
        Optional<T> value = form.read(text);
        if (value.isEmpty()) {
            problem(form.rejection(text));
        }
        return value;
    }

    <T> T as(Form<T> form, T fallback) {
        return as(form).orElse(fallback);
    }

    /** The value here, or {@code null} with a problem recorded when it is not set or not of the form. */
    <T> T required(Form<T> form) {
        if (!isSet()) {
            problem("missing; expected " + form.expected());
            return null;
        }
        return as(form).orElse(null);
    }

    /** The items of the list here, {@code fallback} when it is not set. */
    <T> List<T> listOf(Form<T> item, String expected, List<T> fallback) {
        if (!isSet()) {
            return fallback;
        }
        List<T> values = new ArrayList<>();
        for (ConfigNode element : elements(expected)) {
            T value = element.required(item);
            if (value != null) {
                values.add(value);
            }
        }
        return values;
    }

    /** The items of the list here, each a node of its own; empty when not set. */
    List<ConfigNode> elements(String expected) {
        List<ConfigNode> elements = new ArrayList<>();
        if (!isSet() || reportedUnresolved()) {
            return elements;
        }
        if (!node.isArray()) {
            problem("expected " + expected);
            return elements;
        }
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(node.get(i), KeyPath.index(path, i), problems));
        }
        return elements;
    }

    /** The entries of the map here, in the file's order; empty when not set. */
    Map<String, ConfigNode> entries(String expected) {
        return entries(expected, Function.identity());
    }

    /** As {@link #entries(String)}, with keys shown in paths as {@code shownAs} makes them (to mask personal data). */
    Map<String, ConfigNode> entries(String expected, Function<String, String> shownAs) {
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (!isSet() || reportedUnresolved()) {
            return entries;
        }
        if (!node.isObject()) {
            problem("expected " + expected);
            return entries;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String shownPath = KeyPath.key(path, shownAs.apply(entry.getKey()));
            entries.put(entry.getKey(), new ConfigNode(entry.getValue(), shownPath, problems));
        }
        return entries;
    }

    /** Builds a value from what was read here, unless something here was wrong. */
    <T> Optional<T> ifValid(Supplier<T> build) {
        return problems.anyAffecting(path) ? Optional.empty() : Optional.of(build.get());
    }

    /** Whether everything read here so far is right: the condition for checks across keys. */
    boolean valid() {
        return !problems.anyAffecting(path);
    }

    /** Reports a value whose {@code ${VAR}} could not be replaced; nothing else can be said about it. */
    private boolean reportedUnresolved() {
        if (node instanceof POJONode marker
                && marker.getPojo() instanceof EnvironmentSubstitution.Unresolved unresolved) {
            problem(unresolved.problem());
            return true;
        }
        return false;
    }
}
