package org.invitebot.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** A minimal valid configuration, and variations of it with one thing changed. */
final class ConfigFixtures {

    static final String AUTHENTIK_TOKEN = "ak-7f3c9e1d-secret-token";
    static final String MATRIX_TOKEN = "syt_aW52aXRlYm90_secret";
    static final Map<String, String> ENVIRONMENT = Map.of(
            "AUTHENTIK_TOKEN", AUTHENTIK_TOKEN,
            "MATRIX_ACCESS_TOKEN", MATRIX_TOKEN);
    static final Path BASE_DIR = Path.of("/etc/invitebot");

    static final String MINIMAL = """
            authentik:
              url: https://auth.example.org
              token: ${AUTHENTIK_TOKEN}
            matrix:
              homeserver: https://matrix.example.org
              user_id: "@invitebot:example.org"
              access_token: ${MATRIX_ACCESS_TOKEN}
            """;

    private static final YAMLMapper YAML = new YAMLMapper();

    private ConfigFixtures() {
    }

    /**
     * The minimal configuration with {@code override} laid over it: maps merge key by key, anything
     * else replaces, and {@code ~} (null) removes the key.
     */
    static String minimalWith(String override) {
        try {
            ObjectNode merged = (ObjectNode) YAML.readTree(MINIMAL);
            merge(merged, YAML.readTree(override));
            return YAML.writeValueAsString(merged);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(override, e);
        }
    }

    static InvitebotConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, BASE_DIR, ENVIRONMENT);
    }

    static List<String> problemsOf(String yaml, Map<String, String> environment) {
        try {
            ConfigLoader.parse(yaml, BASE_DIR, environment);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be refused:\n" + yaml);
    }

    static List<String> problemsOf(String yaml) {
        return problemsOf(yaml, ENVIRONMENT);
    }

    private static void merge(ObjectNode target, JsonNode override) {
        override.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (entry.getValue().isNull()) {
                target.remove(entry.getKey());
            } else if (existing instanceof ObjectNode map && entry.getValue().isObject()) {
                merge(map, entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
