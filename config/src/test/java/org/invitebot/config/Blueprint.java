package org.invitebot.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** An Authentik blueprint as written: the root mapping and its entries, tags kept as {@link Tagged}. */
record Blueprint(Map<?, ?> root, List<Entry> entries) {

    static Blueprint parse(String text) {
        Map<?, ?> root = Blueprint.load(text);
        List<?> raw = list(root.get("entries"));
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            entries.add(new Entry(i + 1, map(raw.get(i))));
        }
        return new Blueprint(root, entries);
    }

    static Map<?, ?> load(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root = new Yaml(new BlueprintConstructor(options)).load(text);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a blueprint is a YAML mapping");
        }
        return map;
    }

    Optional<Entry> entry(String id) {
        return entries.stream().filter(entry -> id != null && id.equals(entry.id())).findFirst();
    }

    List<Entry> entries(String model) {
        return entries.stream().filter(entry -> model.equals(entry.model())).toList();
    }

    /** The value of {@code !Context key} or {@code !Context [key, default]}; null when neither gives one. */
    Object contextValue(Object value) {
        if (!(value instanceof Tagged tagged) || !tagged.tag().equals("!Context")) {
            return value;
        }
        List<?> keyAndDefault = tagged.value() instanceof List<?> list ? list : List.of(tagged.value());
        Map<?, ?> context = map(root.get("context"));
        Object key = keyAndDefault.get(0);
        return context.containsKey(key) ? context.get(key) : keyAndDefault.size() > 1 ? keyAndDefault.get(1) : null;
    }

    /** The tags Authentik's BlueprintLoader registers (authentik/blueprints/v1/common.py). */
    static final List<String> AUTHENTIK_TAGS = List.of("!KeyOf", "!Find", "!FindObject", "!Context", "!Format",
            "!Condition", "!If", "!Env", "!File", "!Enumerate", "!Value", "!Index", "!AtIndex", "!ParseJSON");

    /** A value written with one of Authentik's tags: {@code !KeyOf flow} is ("!KeyOf", "flow"). */
    record Tagged(String tag, Object value) {}

    record Entry(int position, Map<?, ?> raw) {

        Object model() {
            return raw.get("model");
        }

        String id() {
            return raw.get("id") instanceof String id ? id : null;
        }

        String state() {
            return raw.containsKey("state") ? String.valueOf(raw.get("state")) : "present";
        }

        Map<?, ?> identifiers() {
            return map(raw.get("identifiers"));
        }

        List<?> permissions() {
            return list(raw.get("permissions"));
        }

        /** Identifiers and attrs together, as Authentik merges them when it creates the object. */
        Map<Object, Object> fields() {
            Map<Object, Object> fields = new LinkedHashMap<>(identifiers());
            fields.putAll(map(raw.get("attrs")));
            return fields;
        }

        Object field(String name) {
            return fields().get(name);
        }

        @Override
        public String toString() {
            return "entry " + position + " (" + model() + (id() == null ? "" : ", id " + id()) + ")";
        }
    }

    /** SnakeYAML's safe constructor plus Authentik's tags; any other tag is still refused. */
    private static final class BlueprintConstructor extends SafeConstructor {

        BlueprintConstructor(LoaderOptions options) {
            super(options);
            for (String tag : AUTHENTIK_TAGS) {
                yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        return new Tagged(tag, constructTagged(node));
                    }
                });
            }
        }

        private Object constructTagged(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }
    }

    static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    static String keyOf(Object value) {
        return value instanceof Tagged tagged && tagged.tag().equals("!KeyOf") ? String.valueOf(tagged.value()) : null;
    }

    static boolean isKeyOf(Object value, String id) {
        return id != null && id.equals(keyOf(value));
    }

    /** Every tagged value inside {@code value} (with the given tag, or all when tag is null). */
    static List<Tagged> tags(Object value, String tag) {
        List<Tagged> found = new ArrayList<>();
        if (value instanceof Tagged tagged) {
            if (tag == null || tag.equals(tagged.tag())) {
                found.add(tagged);
            }
            found.addAll(tags(tagged.value(), tag));
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(inner -> found.addAll(tags(inner, tag)));
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> found.addAll(tags(inner, tag)));
        }
        return found;
    }
}
