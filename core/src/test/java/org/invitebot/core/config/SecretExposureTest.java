package org.invitebot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.core.config.ConfigFixtures.AUTHENTIK_TOKEN;
import static org.invitebot.core.config.ConfigFixtures.ENVIRONMENT;
import static org.invitebot.core.config.ConfigFixtures.MATRIX_TOKEN;
import static org.invitebot.core.config.ConfigFixtures.minimalWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets and admin phone numbers never show up where an operator's terminal or log would show them. */
class SecretExposureTest {

    static final String BAD_NUMBER = "+1555-bad-4242";
    static final String ADMIN_NUMBER = "+15551234567";
    static final String BAD_ADMIN_NUMBER = "15559876543";
    static final List<String> SECRETS = List.of(AUTHENTIK_TOKEN, MATRIX_TOKEN, BAD_NUMBER, ADMIN_NUMBER,
            BAD_ADMIN_NUMBER, "9876543", "1234567");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "signal: {number: \"+1555-bad-4242\"}",
        "signal: {number: \"${BAD_NUMBER}\"}",
        "signal: {number_file: bad_number}",
        "signal: {number: \"+1555-bad-4242\", number_file: bad_number}",
        "authentik: {token_file: token}",
        "authentik: {token: [\"ak-7f3c9e1d-secret-token\"]}",
        "authentik: {tokne: \"ak-7f3c9e1d-secret-token\"}",
        "matrix: {access_token: {value: \"syt_aW52aXRlYm90_secret\"}}",
        "signal: {admins: {\"+15551234567\": [alice], \"15559876543\": bob}}",
        "signal: {admins: {\"+15551234567\": \"${UNSET}\"}}",
    })
    void noProblemQuotesASecret(String override) throws Exception {
        Files.writeString(dir.resolve("bad_number"), BAD_NUMBER);
        Files.writeString(dir.resolve("token"), AUTHENTIK_TOKEN);
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        environment.put("BAD_NUMBER", BAD_NUMBER);

        String message = messageOf(minimalWith(override), environment);

        assertThat(message).isNotBlank();
        SECRETS.forEach(secret -> assertThat(message).doesNotContain(secret));
    }

    @Test
    void malformedYamlDoesNotQuoteTheLineItIsOn() {
        String message = messageOf("authentik:\n  token: " + AUTHENTIK_TOKEN + ": oops\n", ENVIRONMENT);

        assertThat(message).startsWith("line 2, column").doesNotContain(AUTHENTIK_TOKEN);
    }

    @Test
    void theLoadedConfigurationPrintsNoSecret() throws Exception {
        InvitebotConfig config = ConfigLoader.parse(minimalWith("""
                signal: {enabled: true, number: "+15550000000", admins: {"+15551234567": alice}}
                """), dir, ENVIRONMENT);

        assertThat(config.toString())
                .doesNotContain(AUTHENTIK_TOKEN, MATRIX_TOKEN, "+15550000000", ADMIN_NUMBER)
                .contains("token=***", "accessToken=***", "number=Optional[***]", "+1555***4567=alice");
    }

    private String messageOf(String yaml, Map<String, String> environment) {
        try {
            ConfigLoader.parse(yaml, dir, environment);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the configuration to be refused");
    }
}
