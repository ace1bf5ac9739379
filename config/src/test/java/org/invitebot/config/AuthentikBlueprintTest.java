package org.invitebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.error.YAMLException;

import org.invitebot.config.Blueprint.Tagged;

/**
 * The Authentik blueprint operators apply must be one Authentik accepts, and must build what the bot
 * relies on. No Authentik runs in the tests, so the blueprint is checked against Authentik's OpenAPI
 * schema (models, fields, enum values) and against the rules of its importer
 * (authentik/blueprints/v1/importer.py: entries are applied top to bottom, so a {@code !KeyOf} can only
 * name an entry above it). The checks are {@link BlueprintChecks}; the last test breaks the file on
 * purpose and expects the matching check to notice.
 */
class AuthentikBlueprintTest {

    private static final Path BLUEPRINT = Path.of("authentik-blueprint.yaml");
    private static final Path AUTHENTIK_SCHEMA = Path.of("../testbed/src/main/resources/reference/authentik-schema.yml");

    private static BlueprintChecks checks;
    private static String blueprintText;

    @BeforeAll
    static void readFiles() throws IOException {
        checks = new BlueprintChecks(AuthentikModels.read(AUTHENTIK_SCHEMA));
        blueprintText = Files.readString(BLUEPRINT);
    }

    @Test
    void blueprintParsesWithAuthentiksTagsAndHasTheBlueprintShape() {
        Blueprint blueprint = Blueprint.parse(blueprintText);

        assertThat(checks.structureProblems(blueprint)).isEmpty();
        assertThat(Blueprint.tags(blueprint.root(), null)).extracting(Tagged::tag)
                .contains("!KeyOf", "!Format", "!Context", "!Env");
    }

    @Test
    void everyAuthentikTagIsReadAndAnyOtherTagIsRefused() {
        String everyTag = String.join("\n",
                "a: !KeyOf flow", "b: !Find [authentik_core.user, [username, akadmin]]",
                "c: !FindObject [authentik_core.group, [name, admins]]", "d: !Context [key, default]",
                "e: !Format ['%s-%s', 1, !Context key]", "f: !Condition [AND, true, !Env X]", "g: !If [true, 1, 2]",
                "h: !Env [X, default]", "i: !File /run/secrets/x", "j: !Enumerate [[1, 2], SEQ, !Value 0]",
                "k: !Index 0", "l: !AtIndex [[1, 2], 0]", "m: !ParseJSON '{\"a\": 1}'");

        assertThat(Blueprint.tags(Blueprint.load(everyTag), null)).extracting(Tagged::tag).containsAll(Blueprint.AUTHENTIK_TAGS);
        assertThatThrownBy(() -> Blueprint.parse(blueprintText.replace("!KeyOf flow", "!KeyOff flow")))
                .isInstanceOf(YAMLException.class).hasMessageContaining("!KeyOff");
        assertThatThrownBy(() -> Blueprint.parse("version: 1\nversion: 1\n"))
                .isInstanceOf(YAMLException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void everyKeyOfNamesAnEntryAboveIt() {
        assertThat(checks.keyOfProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    @Test
    void everyModelFieldAndValueIsOneAuthentikKnows() {
        assertThat(checks.schemaProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    @Test
    void enrollmentFlowRunsInvitationPromptUserWriteAndLoginInThatOrder() {
        assertThat(checks.enrollmentFlowProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    @Test
    void notificationRuleRunsTheEmailSenderPolicy() {
        assertThat(checks.emailSenderProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    @Test
    void serviceAccountGetsExactlyTheBotsPermissions() {
        assertThat(checks.permissionProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    static Stream<Arguments> breakages() {
        BiFunction<BlueprintChecks, Blueprint, List<String>> structure = BlueprintChecks::structureProblems;
        BiFunction<BlueprintChecks, Blueprint, List<String>> keyOf = BlueprintChecks::keyOfProblems;
        BiFunction<BlueprintChecks, Blueprint, List<String>> fields = BlueprintChecks::schemaProblems;
        BiFunction<BlueprintChecks, Blueprint, List<String>> flow = BlueprintChecks::enrollmentFlowProblems;
        BiFunction<BlueprintChecks, Blueprint, List<String>> email = BlueprintChecks::emailSenderProblems;
        BiFunction<BlueprintChecks, Blueprint, List<String>> permissions = BlueprintChecks::permissionProblems;
        return Stream.of(
                Arguments.of("a misspelt entry key", "    attrs:\n      name: Invitation Enrollment",
                        "    attr:\n      name: Invitation Enrollment", structure, "unknown key attr"),
                Arguments.of("a !KeyOf naming no entry", "stage: !KeyOf invitation-stage",
                        "stage: !KeyOf invitation-stag", keyOf, "!KeyOf invitation-stag names no entry"),
                Arguments.of("a !KeyOf naming an entry further down", "- !KeyOf prompt-username",
                        "- !KeyOf user-login-stage", keyOf, "names an entry further down"),
                Arguments.of("a model Authentik does not have", "model: authentik_flows.flow\n",
                        "model: authentik_flows.flows\n", fields, "not one of Authentik's models"),
                Arguments.of("a misspelt field", "user_creation_mode: always_create",
                        "user_creation_mod: always_create", fields, "has no field user_creation_mod"),
                Arguments.of("a value outside the field's enum", "designation: enrollment",
                        "designation: enrolment", fields, "designation enrolment is not one of"),
                Arguments.of("a required field left out", "      title: Welcome! Create your account\n", "", fields,
                        "required field title is missing"),
                Arguments.of("a boolean written as a string", "continue_flow_without_invitation: false",
                        "continue_flow_without_invitation: \"false\"", fields, "should be a boolean"),
                Arguments.of("stages bound out of order", "order: 30", "order: 15", flow, "stages bound in order"),
                Arguments.of("an enrollment without invitation", "continue_flow_without_invitation: false",
                        "continue_flow_without_invitation: true", flow, "must stop the flow without an invitation"),
                Arguments.of("users created outside users/enrolled", "user_path_template: users/enrolled",
                        "user_path_template: users", flow, "under users/enrolled"),
                Arguments.of("the policy bound to something else", "target: !KeyOf email-sender-rule",
                        "target: !KeyOf flow", email, "bound to the notification rule once"),
                Arguments.of("the loop guard removed",
                        "          if \"policy_uuid\" in event.context:\n              return False\n", "", email,
                        "policy_uuid"),
                Arguments.of("a %s without a value", "        - !Context email_template\n", "", email,
                        "has 3 %s but 2 values"),
                Arguments.of("a !Context key the blueprint does not define", "- !Context email_subject",
                        "- !Context email_subjekt", email, "not a !Context key the blueprint defines"),
                Arguments.of("add user to group granted globally", "        - authentik_events.view_event\n",
                        "        - authentik_events.view_event\n        - " + BlueprintChecks.ADD_USER_TO_GROUP + "\n", permissions,
                        "the role grants"),
                Arguments.of("a permission on a model that does not exist", "authentik_stages_invitation.view_invitation",
                        "authentik_stages_invitation.view_invitations", permissions,
                        "no model authentik_stages_invitation.invitations"),
                Arguments.of("an admin group made invitable", "name: communication-users", "name: authentik Admins",
                        permissions, "add user to group is granted on"));
    }

    @ParameterizedTest(name = "{0} is caught")
    @MethodSource("breakages")
    void aBrokenBlueprintIsCaught(String breakage, String original, String replacement,
            BiFunction<BlueprintChecks, Blueprint, List<String>> check, String expectedProblem) {
        assertThat(blueprintText).as("the text this breakage replaces").contains(original);

        Blueprint broken = Blueprint.parse(blueprintText.replace(original, replacement));

        assertThat(check.apply(checks, broken)).as(breakage).anySatisfy(problem -> assertThat(problem).contains(expectedProblem));
    }
}
