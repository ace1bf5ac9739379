package org.invitebot.bot.matrix.e2ee;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.invitebot.core.store.StateStore;
import org.invitebot.core.store.VaultWrite;

/**
 * A working copy of the vault (E2EE-NOTES invariant 1): reads see the store with this copy's own writes on
 * top, and nothing reaches the store until the writes are committed, with the sync position or before a
 * message leaves. Dropped uncommitted, nothing changed.
 */
final class Working {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateStore store;
    private final Map<String, Optional<String>> changed = new LinkedHashMap<>();

    Working(StateStore store) {
        this.store = store;
    }

    Optional<String> get(String kind, String id) {
        Optional<String> mine = changed.get(key(kind, id));
        return mine != null ? mine : store.vaultValue(kind, id);
    }

    /** A stored JSON object. */
    Optional<ObjectNode> json(String kind, String id) {
        return get(kind, id).map(Working::parse);
    }

    void put(String kind, String id, JsonNode value) {
        put(kind, id, value.toString());
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("a vault entry is not a JSON object", e);
        }
    }

    /** Values of {@code kind} whose ID starts with {@code prefix}, by ID. */
    Map<String, String> list(String kind, String prefix) {
        Map<String, String> values = new TreeMap<>(store.vaultValues(kind, prefix));
        changed.forEach((key, value) -> {
            String[] parts = key.split("\u0000", 2);
            if (parts[0].equals(kind) && parts[1].startsWith(prefix)) {
                if (value.isPresent()) {
                    values.put(parts[1], value.get());
                } else {
                    values.remove(parts[1]);
                }
            }
        });
        return values;
    }

    void put(String kind, String id, String value) {
        changed.put(key(kind, id), Optional.of(value));
    }

    void delete(String kind, String id) {
        changed.put(key(kind, id), Optional.empty());
    }

    boolean isEmpty() {
        return changed.isEmpty();
    }

    /** The writes in the order they were made; the copy starts empty again. */
    List<VaultWrite> drain() {
        List<VaultWrite> writes = new ArrayList<>();
        changed.forEach((key, value) -> {
            String[] parts = key.split("\u0000", 2);
            writes.add(new VaultWrite(parts[0], parts[1], value));
        });
        changed.clear();
        return writes;
    }

    private static String key(String kind, String id) {
        return kind + "\u0000" + id;
    }
}
