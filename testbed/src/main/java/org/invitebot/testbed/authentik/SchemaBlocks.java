package org.invitebot.testbed.authentik;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authentik's schema file cut into YAML blocks without parsing it: one block per path item and one
 * per component. Parsing and resolving all 1.6 MB takes seconds; checking a request needs one path
 * item and the few dozen components it references, which parse in milliseconds.
 *
 * <p>Relies on the layout drf-spectacular writes: two-space indentation, top-level keys in column 0,
 * path templates in column 2 under {@code paths}, component names in column 4 under
 * {@code components.<kind>}, and every {@code $ref} written as {@code '#/components/<kind>/<Name>'}.
 */
final class SchemaBlocks {

    private static final Pattern REF = Pattern.compile("\\$ref: '#/components/(\\w+)/(\\w+)'");

    /** Template to block, the block starting with the {@code "  /template:"} line. */
    private final Map<String, String> pathItems;
    /** {@code kind/Name} to block, the block starting with the {@code "    Name:"} line. */
    private final Map<String, String> components;

    private SchemaBlocks(Map<String, String> pathItems, Map<String, String> components) {
        this.pathItems = pathItems;
        this.components = components;
    }

    static SchemaBlocks read(InputStream in) throws IOException {
        Map<String, String> pathItems = new HashMap<>();
        Map<String, String> components = new HashMap<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String section = "";
        String kind = "";
        String key = null;
        StringBuilder block = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            int indent = indentation(line);
            // empty lines occur inside multi-line descriptions and end nothing
            boolean startsBlock = !line.isBlank() && (indent == 0 && !line.startsWith("-")
                    || section.equals("paths") && indent == 2
                    || section.equals("components") && (indent == 2 || indent == 4));
            if (!startsBlock) {
                if (block != null) {
                    block.append(line).append('\n');
                }
                continue;
            }
            store(section, key, block, pathItems, components);
            key = null;
            block = null;
            String name = line.strip();
            name = name.endsWith(":") ? name.substring(0, name.length() - 1) : name;
            if (indent == 0) {
                section = name;
            } else if (section.equals("components") && indent == 2) {
                kind = name;
            } else {
                key = section.equals("paths") ? name : kind + "/" + name;
                block = new StringBuilder(line).append('\n');
            }
        }
        store(section, key, block, pathItems, components);
        if (pathItems.isEmpty() || components.isEmpty()) {
            throw new IllegalStateException("the schema's layout has changed: found " + pathItems.size() + " paths and "
                    + components.size() + " components");
        }
        return new SchemaBlocks(Map.copyOf(pathItems), Map.copyOf(components));
    }

    Set<String> templates() {
        return pathItems.keySet();
    }

    /** A YAML document with the path item and every component it needs, directly or through other components. */
    String document(String template) {
        String pathItem = pathItems.get(template);
        Map<String, Map<String, String>> needed = new TreeMap<>();
        Deque<String> unread = new ArrayDeque<>();
        unread.add(pathItem);
        while (!unread.isEmpty()) {
            Matcher ref = REF.matcher(unread.poll());
            while (ref.find()) {
                String component = components.get(ref.group(1) + "/" + ref.group(2));
                if (component == null) {
                    throw new IllegalStateException("the schema has no component " + ref.group(0));
                }
                if (needed.computeIfAbsent(ref.group(1), kind -> new TreeMap<>()).putIfAbsent(ref.group(2), component) == null) {
                    unread.add(component);
                }
            }
        }
        StringBuilder document = new StringBuilder("paths:\n").append(pathItem).append("components:\n");
        needed.forEach((kind, blocks) -> {
            document.append("  ").append(kind).append(":\n");
            blocks.values().forEach(document::append);
        });
        return document.toString();
    }

    private static void store(String section, String key, StringBuilder block, Map<String, String> pathItems,
            Map<String, String> components) {
        if (key != null) {
            (section.equals("paths") ? pathItems : components).put(key, block.toString());
        }
    }

    private static int indentation(String line) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        return indent;
    }
}
