package org.invitebot.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the configuration file (SPEC §6) into an {@link InvitebotConfig}: substitutes
 * {@code ${VAR}}, reads {@code *_file} secrets, applies defaults, and reports every problem it finds
 * at once.
 */
public final class ConfigLoader {

    private static final List<String> SECTIONS =
            List.of("authentik", "invitations", "matrix", "signal", "requests", "state", "http", "logging");

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {
    }

    /** Loads {@code file}; relative paths in it are relative to the file's directory. */
    public static InvitebotConfig load(Path file, Map<String, String> environment) throws ConfigException {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(yaml, file.toAbsolutePath().getParent(), environment);
    }

    /**
     * @param baseDir     what relative {@code *_file} paths and {@code state.path} are relative to
     * @param environment the values for {@code ${VAR}}
     */
    public static InvitebotConfig parse(String yaml, Path baseDir, Map<String, String> environment)
            throws ConfigException {
        JsonNode tree = readTree(yaml);
        new EnvironmentSubstitution(environment).apply(tree);
        Problems problems = new Problems();
        Optional<InvitebotConfig> config = readSections(ConfigNode.root(tree, problems), new SecretReader(baseDir), baseDir);
        problems.throwIfAny();
        return config.orElseThrow();
    }

    private static JsonNode readTree(String yaml) throws ConfigException {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(YamlSyntax.describe(e)));
        }
    }

    private static Optional<InvitebotConfig> readSections(ConfigNode root, SecretReader secrets, Path baseDir) {
        root.allowKeys(SECTIONS);
        Optional<AuthentikSettings> authentik = AuthentikSection.read(root.at("authentik"), secrets);
        Optional<InvitationSettings> invitations = InvitationsSection.read(root.at("invitations"));
        Optional<MatrixSettings> matrix = MatrixSection.read(root.at("matrix"), secrets);
        Optional<SignalSettings> signal = SignalSection.read(root.at("signal"), secrets);
        Optional<RequestSettings> requests = RequestsSection.read(root.at("requests"), matrix,
                authentik.map(settings -> settings.invitableGroups().keySet()).orElse(Set.of()));
        StateSettings state = new StateSettings(single(root.at("state"), "path",
                Forms.path(baseDir), baseDir.resolve("data/invitebot.db").normalize()));
        HttpSettings http = new HttpSettings(single(root.at("http"), "port", Forms.PORT, 8081));
        LoggingSettings logging = new LoggingSettings(single(root.at("logging"), "format",
                Forms.oneOf(LogFormat.class, LogFormat::configValue), LogFormat.TEXT));
        return root.ifValid(() -> new InvitebotConfig(authentik.orElseThrow(), invitations.orElseThrow(),
                matrix.orElseThrow(), signal.orElseThrow(), requests.orElseThrow(), state, http, logging));
    }

    /** For the sections with one key. */
    private static <T> T single(ConfigNode section, String key, Form<T> form, T fallback) {
        section.allowKeys(List.of(key));
        return section.at(key).as(form, fallback);
    }
}
