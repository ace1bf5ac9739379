package org.invitebot.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.invitebot.core.config.ConfigFixtures.BASE_DIR;
import static org.invitebot.core.config.ConfigFixtures.ENVIRONMENT;
import static org.invitebot.core.config.ConfigFixtures.minimalWith;
import static org.invitebot.core.config.ConfigFixtures.problemsOf;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EnvironmentVariablesTest {

    @Test
    void variablesAreReplacedAnywhereInAValue() throws Exception {
        Map<String, String> environment = new HashMap<>(ENVIRONMENT);
        environment.put("DOMAIN", "example.org");
        environment.put("PORT", "9090");
        environment.put("SIGNAL_ON", "true");

        InvitebotConfig config = ConfigLoader.parse(minimalWith("""
                authentik: {url: "https://auth.${DOMAIN}", admin_groups: ["admins of ${DOMAIN}"]}
                matrix: {user_id: "@invitebot:${DOMAIN}", rooms: [{id: "!admins:${DOMAIN}"}]}
                signal: {enabled: "${SIGNAL_ON}", number: "+15550000000"}
                http: {port: "${PORT}"}
                """), BASE_DIR, environment);

        assertThat(config.authentik().url()).hasToString("https://auth.example.org");
        assertThat(config.authentik().adminGroups()).containsExactly("admins of example.org");
        assertThat(config.matrix().userId()).isEqualTo("@invitebot:example.org");
        assertThat(config.matrix().rooms().get(0).id()).isEqualTo("!admins:example.org");
        assertThat(config.signal().enabled()).isTrue();
        assertThat(config.http().port()).isEqualTo(9090);
    }

    @Test
    void aMissingVariableIsNamedWithTheKeyThatUsesIt() {
        assertThat(problemsOf(ConfigFixtures.MINIMAL, Map.of("MATRIX_ACCESS_TOKEN", "x")))
                .containsExactly("authentik.token: environment variable AUTHENTIK_TOKEN is not set");
    }

    @Test
    void everyMissingVariableInOneValueIsNamed() {
        assertThat(problemsOf(minimalWith("authentik: {url: \"https://${HOST}.${DOMAIN}\"}")))
                .containsExactly("authentik.url: environment variable HOST is not set;"
                        + " environment variable DOMAIN is not set");
    }

    @Test
    void aMissingVariableInAListItemIsNamedWithItsIndex() {
        assertThat(problemsOf(minimalWith("matrix: {trusted_servers: [example.org, \"${OTHER_SERVER}\"]}")))
                .containsExactly("matrix.trusted_servers[1]: environment variable OTHER_SERVER is not set");
    }

    @Test
    void aMissingVariableUnderAnAdminNumberDoesNotShowTheNumber() {
        assertThat(problemsOf(minimalWith("signal: {admins: {\"+15551234567\": \"${ALICE}\"}}")))
                .containsExactly("signal.admins[\"+1555***4567\"]: environment variable ALICE is not set");
    }

    @Test
    void doubleDollarWritesALiteralReference() throws Exception {
        InvitebotConfig config = ConfigLoader.parse(minimalWith("authentik: {invitable_groups: {media-users: \"costs $${PRICE}\"}}"),
                BASE_DIR, ENVIRONMENT);

        assertThat(config.authentik().invitableGroups()).containsEntry("media-users", "costs ${PRICE}");
    }

    @Test
    void aDollarWithoutBraceIsLeftAlone() throws Exception {
        InvitebotConfig config = ConfigLoader.parse(minimalWith("authentik: {invitable_groups: {media-users: \"$5 $HOME\"}}"),
                BASE_DIR, ENVIRONMENT);

        assertThat(config.authentik().invitableGroups()).containsEntry("media-users", "$5 $HOME");
    }

    @Test
    void aMalformedReferenceIsReported() {
        assertThat(problemsOf(minimalWith("authentik: {url: \"https://${auth-host}\"}")))
                .containsExactly("authentik.url: expected ${NAME} with a variable name of letters, digits and _"
                        + " (write $${ for a literal ${)");
    }

    @Test
    void variablesComeFromTheGivenEnvironmentOnly() {
        String path = System.getenv("PATH");
        assertThat(path).isNotNull();

        assertThat(problemsOf(minimalWith("authentik: {enrollment_flow: \"${PATH}\"}")))
                .containsExactly("authentik.enrollment_flow: environment variable PATH is not set");
    }
}
