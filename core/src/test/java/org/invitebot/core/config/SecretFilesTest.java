package org.invitebot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.core.config.ConfigFixtures.ENVIRONMENT;
import static org.invitebot.core.config.ConfigFixtures.minimalWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every secret has a {@code *_file} twin, as Docker and Kubernetes mount secrets. */
class SecretFilesTest {

    @TempDir
    Path dir;

    @Test
    void eachSecretCanBeReadFromItsFileWithoutTheTrailingNewline() throws Exception {
        Files.writeString(dir.resolve("authentik_token"), "ak-from-file\n");
        Files.writeString(dir.resolve("matrix_token"), "syt-from-file\r\n");
        Files.writeString(dir.resolve("signal_number"), "+15550000000\n");

        InvitebotConfig config = parse(minimalWith("""
                authentik: {token: ~, token_file: authentik_token}
                matrix: {access_token: ~, access_token_file: %s}
                signal: {enabled: true, number_file: signal_number}
                """.formatted(dir.resolve("matrix_token"))));

        assertThat(config.authentik().token().reveal()).isEqualTo("ak-from-file");
        assertThat(config.matrix().accessToken().reveal()).isEqualTo("syt-from-file");
        assertThat(config.signal().number()).map(Secret::reveal).contains("+15550000000");
    }

    @Test
    void aFilePathMayComeFromAnEnvironmentVariable() throws Exception {
        Files.writeString(dir.resolve("token"), "ak-from-file\n");
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        environment.put("SECRETS", dir.toString());

        InvitebotConfig config = ConfigLoader.parse(
                minimalWith("authentik: {token: ~, token_file: \"${SECRETS}/token\"}"), Path.of("/elsewhere"), environment);

        assertThat(config.authentik().token().reveal()).isEqualTo("ak-from-file");
    }

    @Test
    void givingASecretAndItsFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("token"), "ak-from-file\n");

        assertThat(problems(minimalWith("authentik: {token_file: token}")))
                .containsExactly("authentik.token: set either token or token_file, not both");
    }

    @Test
    void aMissingFileIsNamedWithItsKey() {
        assertThat(problems(minimalWith("matrix: {access_token: ~, access_token_file: nope}")))
                .containsExactly("matrix.access_token_file: cannot read " + dir.resolve("nope") + ": no such file");
    }

    @Test
    void aDirectoryIsNotASecretFile() throws Exception {
        Files.createDirectory(dir.resolve("secrets"));

        assertThat(problems(minimalWith("authentik: {token: ~, token_file: secrets}")))
                .singleElement().asString().startsWith("authentik.token_file: cannot read " + dir.resolve("secrets"));
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Files.writeString(dir.resolve("token"), "\n");

        assertThat(problems(minimalWith("authentik: {token: ~, token_file: token}")))
                .containsExactly("authentik.token_file: " + dir.resolve("token") + " is empty");
    }

    @Test
    void aFileWithTheWrongContentSaysWhatItShouldHoldWithoutQuotingIt() throws Exception {
        Files.writeString(dir.resolve("number"), "555-0000-secret\n");

        assertThat(problems(minimalWith("signal: {number_file: number}"))).containsExactly(
                "signal.number_file: expected " + dir.resolve("number") + " to hold an E.164 number like +15550000000");
    }

    private InvitebotConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, dir, ENVIRONMENT);
    }

    private List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be refused");
    }
}
