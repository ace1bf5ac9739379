package org.invitebot.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Replaces {@code ${VAR}} in every string value of the tree with that environment variable;
 * {@code $${} stands for a literal {@code ${}. Runs before anything is read, so a variable can hold
 * any value, including a {@code *_file} path. A reference that cannot be replaced leaves an
 * {@link Unresolved} marker, reported when the value is read, under the key path the reader shows
 * (which masks personal data in keys).
 */
final class EnvironmentSubstitution {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$\\{");

    /** What is wrong with a value whose references could not all be replaced. */
    record Unresolved(String problem) {
    }

    private final Map<String, String> environment;

    EnvironmentSubstitution(Map<String, String> environment) {
        this.environment = environment;
    }

    void apply(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(entry -> entry.setValue(substituted(entry.getValue())));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, substituted(array.get(i)));
            }
        }
    }

    private JsonNode substituted(JsonNode value) {
        if (!value.isTextual()) {
            apply(value);
            return value;
        }
        Matcher reference = REFERENCE.matcher(value.textValue());
        StringBuilder result = new StringBuilder();
        List<String> problems = new ArrayList<>();
        while (reference.find()) {
            reference.appendReplacement(result, Matcher.quoteReplacement(replacement(reference, problems)));
        }
        reference.appendTail(result);
        if (!problems.isEmpty()) {
            return new POJONode(new Unresolved(String.join("; ", problems)));
        }
        return TextNode.valueOf(result.toString());
    }

    private String replacement(Matcher reference, List<String> problems) {
        if (reference.group().equals("$${")) {
            return "${";
        }
        String name = reference.group(1);
        if (name == null) {
            problems.add("expected ${NAME} with a variable name of letters, digits and _ (write $${ for a literal ${)");
            return "";
        }
        String value = environment.get(name);
        if (value == null) {
            problems.add("environment variable " + name + " is not set");
            return "";
        }
        return value;
    }
}
