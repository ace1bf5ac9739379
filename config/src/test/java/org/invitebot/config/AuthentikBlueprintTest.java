package org.invitebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The Authentik blueprint operators apply must be one Authentik accepts, and must build what the bot
 * relies on. No Authentik runs in the tests, so the blueprint is checked against Authentik's OpenAPI
 * schema (models, fields, enum values) and against the rules of its importer
 * (authentik/blueprints/v1/importer.py: entries are applied top to bottom, so a {@code !KeyOf} can only
 * name an entry above it). Each check lists problems; the last test breaks the file on purpose and
 * expects the matching check to notice.
 */
class AuthentikBlueprintTest {

    private static final Path BLUEPRINT = Path.of("authentik-blueprint.yaml");
    private static final Path AUTHENTIK_SCHEMA = Path.of("../testbed/src/main/resources/reference/authentik-schema.yml");

    /** The tags Authentik's BlueprintLoader registers (authentik/blueprints/v1/common.py). */
    private static final List<String> AUTHENTIK_TAGS = List.of("!KeyOf", "!Find", "!FindObject", "!Context", "!Format",
            "!Condition", "!If", "!Env", "!File", "!Enumerate", "!Value", "!Index", "!AtIndex", "!ParseJSON");
    private static final Set<String> ENTRY_KEYS = Set.of("model", "state", "conditions", "identifiers", "attrs",
            "permissions", "id");
    private static final Set<String> STATES = Set.of("present", "created", "must_created", "absent");

    /** Fields only a blueprint may set, so the API schema lacks them (docs: customize/blueprints/v1/models). */
    private static final Map<String, Set<String>> BLUEPRINT_ONLY_FIELDS = Map.of(
            "authentik_rbac.role", Set.of("permissions"),
            "authentik_core.user", Set.of("permissions", "password", "password_hash"),
            "authentik_core.token", Set.of("key"),
            "authentik_stages_invitation.invitation", Set.of("created_by"));

    /** API-NOTES §6; add_user_to_group is granted per invitable group instead of globally. */
    private static final Set<String> BOT_GLOBAL_PERMISSIONS = Set.of(
            "authentik_stages_invitation.add_invitation",
            "authentik_stages_invitation.view_invitation",
            "authentik_stages_invitation.delete_invitation",
            "authentik_flows.view_flow",
            "authentik_core.view_user",
            "authentik_core.view_group",
            "authentik_events.view_event");
    private static final String ADD_USER_TO_GROUP = "authentik_core.add_user_to_group";
    private static final Set<String> INVITABLE_GROUPS = Set.of("media-users", "ai-users", "cloud-users",
            "communication-users");

    private static final Pattern PERMISSION = Pattern.compile("([a-z0-9_]+)\\.([a-z0-9_]+)");
    private static final Pattern MODEL_PERMISSION = Pattern.compile("(?:add|change|delete|view)_([a-z0-9]+)");

    private static AuthentikSchema schema;
    private static String blueprintText;

    @BeforeAll
    static void readFiles() throws IOException {
        schema = AuthentikSchema.read(AUTHENTIK_SCHEMA);
        blueprintText = Files.readString(BLUEPRINT);
    }

    @Test
    void blueprintParsesWithAuthentiksTagsAndHasTheBlueprintShape() {
        Blueprint blueprint = Blueprint.parse(blueprintText);

        assertThat(structureProblems(blueprint)).isEmpty();
        assertThat(tags(blueprint.root(), null)).extracting(Tagged::tag)
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

        assertThat(tags(Blueprint.load(everyTag), null)).extracting(Tagged::tag).containsAll(AUTHENTIK_TAGS);
        assertThatThrownBy(() -> Blueprint.parse(blueprintText.replace("!KeyOf flow", "!KeyOff flow")))
                .isInstanceOf(YAMLException.class).hasMessageContaining("!KeyOff");
        assertThatThrownBy(() -> Blueprint.parse("version: 1\nversion: 1\n"))
                .isInstanceOf(YAMLException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void everyKeyOfNamesAnEntryAboveIt() {
        assertThat(keyOfProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    @Test
    void everyModelFieldAndValueIsOneAuthentikKnows() {
        assertThat(schemaProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    @Test
    void enrollmentFlowRunsInvitationPromptUserWriteAndLoginInThatOrder() {
        assertThat(enrollmentFlowProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    @Test
    void notificationRuleRunsTheEmailSenderPolicy() {
        assertThat(emailSenderProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    @Test
    void serviceAccountGetsExactlyTheBotsPermissions() {
        assertThat(permissionProblems(Blueprint.parse(blueprintText))).isEmpty();
    }

    static Stream<Arguments> breakages() {
        Function<Blueprint, List<String>> structure = AuthentikBlueprintTest::structureProblems;
        Function<Blueprint, List<String>> keyOf = AuthentikBlueprintTest::keyOfProblems;
        Function<Blueprint, List<String>> fields = AuthentikBlueprintTest::schemaProblems;
        Function<Blueprint, List<String>> flow = AuthentikBlueprintTest::enrollmentFlowProblems;
        Function<Blueprint, List<String>> email = AuthentikBlueprintTest::emailSenderProblems;
        Function<Blueprint, List<String>> permissions = AuthentikBlueprintTest::permissionProblems;
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
                        "        - authentik_events.view_event\n        - " + ADD_USER_TO_GROUP + "\n", permissions,
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
            Function<Blueprint, List<String>> check, String expectedProblem) {
        assertThat(blueprintText).as("the text this breakage replaces").contains(original);

        Blueprint broken = Blueprint.parse(blueprintText.replace(original, replacement));

        assertThat(check.apply(broken)).as(breakage).anySatisfy(problem -> assertThat(problem).contains(expectedProblem));
    }

    // ---- checks: each returns what is wrong, empty when all is well ----

    static List<String> structureProblems(Blueprint blueprint) {
        List<String> problems = new ArrayList<>();
        if (!Integer.valueOf(1).equals(blueprint.root().get("version"))) {
            problems.add("version must be 1");
        }
        if (!(map(blueprint.root().get("metadata")).get("name") instanceof String)) {
            problems.add("metadata.name is required");
        }
        if (blueprint.entries().isEmpty()) {
            problems.add("no entries");
        }
        for (Entry entry : blueprint.entries()) {
            for (Object key : entry.raw().keySet()) {
                if (!ENTRY_KEYS.contains(key)) {
                    problems.add(entry + ": unknown key " + key);
                }
            }
            if (!(entry.model() instanceof String)) {
                problems.add(entry + ": model is required");
            }
            if (entry.identifiers().isEmpty()) {
                problems.add(entry + ": identifiers are required");
            }
            if (!STATES.contains(entry.state())) {
                problems.add(entry + ": state " + entry.state() + " is not one of " + STATES);
            }
            for (Object permission : entry.permissions()) {
                Map<?, ?> fields = map(permission);
                if (!(fields.get("permission") instanceof String) || (fields.get("role") == null) == (fields.get("user") == null)) {
                    problems.add(entry + ": a permission needs `permission` and either `role` or `user`");
                }
            }
        }
        return problems;
    }

    static List<String> keyOfProblems(Blueprint blueprint) {
        Set<String> allIds = blueprint.entries().stream().map(Entry::id).filter(id -> id != null).collect(Collectors.toSet());
        Set<String> above = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Entry entry : blueprint.entries()) {
            for (Tagged reference : tags(entry.raw(), "!KeyOf")) {
                String id = String.valueOf(reference.value());
                if (!above.contains(id)) {
                    problems.add(entry + ": !KeyOf " + id + (allIds.contains(id)
                            ? " names an entry further down; Authentik applies entries in order"
                            : " names no entry"));
                }
            }
            if (entry.id() != null && !above.add(entry.id())) {
                problems.add(entry + ": id " + entry.id() + " is used twice");
            }
        }
        return problems;
    }

    static List<String> schemaProblems(Blueprint blueprint) {
        List<String> problems = new ArrayList<>();
        for (Entry entry : blueprint.entries()) {
            if (!(entry.model() instanceof String model) || !schema.models().contains(model)) {
                problems.add(entry + ": not one of Authentik's models (ModelEnum in the schema)");
                continue;
            }
            Optional<Map<?, ?>> request = schema.request(model);
            if (request.isEmpty()) {
                problems.add(entry + ": no request body in the schema for " + model);
                continue;
            }
            Map<?, ?> properties = map(request.get().get("properties"));
            Set<String> blueprintOnly = BLUEPRINT_ONLY_FIELDS.getOrDefault(model, Set.of());
            entry.fields().forEach((key, value) -> {
                String field = String.valueOf(key);
                if (field.equals("pk") || blueprintOnly.contains(field)) {
                    return;
                }
                if (properties.containsKey(field)) {
                    problems.addAll(valueProblems(entry, field, map(properties.get(field)), value));
                } else {
                    problems.add(entry + ": " + model + " has no field " + field);
                }
            });
            if (!entry.state().equals("absent")) {
                for (Object required : list(request.get().get("required"))) {
                    if (!entry.fields().containsKey(required)) {
                        problems.add(entry + ": required field " + required + " is missing");
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> valueProblems(Entry entry, String field, Map<?, ?> property, Object value) {
        if (value == null || value instanceof Tagged) {
            return List.of();
        }
        List<Object> allowed = schema.enumValues(property);
        if (allowed != null) {
            return allowed.contains(value) ? List.of()
                    : List.of(entry + ": " + field + " " + value + " is not one of " + allowed);
        }
        String type = String.valueOf(property.get("type"));
        boolean fits = switch (type) {
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "string" -> value instanceof String;
            case "array" -> value instanceof List;
            case "object" -> value instanceof Map;
            default -> true;
        };
        return fits ? List.of() : List.of(entry + ": " + field + " should be a " + type + ", not " + value.getClass().getSimpleName());
    }

    static List<String> enrollmentFlowProblems(Blueprint blueprint) {
        List<Entry> flows = blueprint.entries("authentik_flows.flow").stream()
                .filter(entry -> "invitation-enrollment".equals(entry.field("slug"))).toList();
        if (flows.size() != 1 || flows.get(0).id() == null) {
            return List.of("one flow with slug invitation-enrollment and an id is expected, found " + flows.size());
        }
        Entry flow = flows.get(0);
        List<String> problems = new ArrayList<>();
        if (!"enrollment".equals(flow.field("designation"))) {
            problems.add("the flow's designation must be enrollment");
        }
        List<Entry> bindings = blueprint.entries("authentik_flows.flowstagebinding").stream()
                .filter(binding -> flow.id().equals(keyOf(binding.field("target"))))
                .sorted((a, b) -> Integer.compare(order(a), order(b))).toList();
        List<Object> stageModels = bindings.stream()
                .map(binding -> blueprint.entry(keyOf(binding.field("stage"))).map(Entry::model).orElse("?")).toList();
        List<String> expected = List.of("authentik_stages_invitation.invitationstage",
                "authentik_stages_prompt.promptstage", "authentik_stages_user_write.userwritestage",
                "authentik_stages_user_login.userloginstage");
        if (!stageModels.equals(expected)) {
            problems.add("stages bound in order " + stageModels + ", expected " + expected);
        }
        if (bindings.stream().map(AuthentikBlueprintTest::order).distinct().count() != bindings.size()) {
            problems.add("two bindings share an order");
        }
        for (Entry binding : bindings) {
            Optional<Entry> stage = blueprint.entry(keyOf(binding.field("stage")));
            String model = stage.map(entry -> String.valueOf(entry.model())).orElse("");
            Map<Object, Object> fields = stage.map(Entry::fields).orElse(Map.of());
            if (model.endsWith(".invitationstage") && !Boolean.FALSE.equals(fields.get("continue_flow_without_invitation"))) {
                problems.add("the invitation stage must stop the flow without an invitation");
            }
            if (model.endsWith(".promptstage")) {
                Set<Object> keys = list(fields.get("fields")).stream().map(AuthentikBlueprintTest::keyOf)
                        .map(id -> blueprint.entry(id).map(prompt -> prompt.field("field_key")).orElse(null))
                        .collect(Collectors.toSet());
                if (!keys.equals(Set.of("username", "name", "email", "password", "password_repeat"))) {
                    problems.add("the prompt stage asks for " + keys);
                }
            }
            if (model.endsWith(".userwritestage") && (!"always_create".equals(fields.get("user_creation_mode"))
                    || !"users/enrolled".equals(fields.get("user_path_template")))) {
                problems.add("the user write stage must always create users under users/enrolled");
            }
        }
        return problems;
    }

    static List<String> emailSenderProblems(Blueprint blueprint) {
        Optional<Entry> policy = blueprint.entries("authentik_policies_expression.expressionpolicy").stream()
                .filter(entry -> "invitation-email-sender".equals(entry.field("name"))).findFirst();
        List<Entry> rules = blueprint.entries("authentik_events.notificationrule");
        if (policy.isEmpty() || policy.get().id() == null || rules.size() != 1 || rules.get(0).id() == null) {
            return List.of("one expression policy invitation-email-sender and one notification rule, both with ids, are expected");
        }
        List<String> problems = new ArrayList<>();
        long bindings = blueprint.entries("authentik_policies.policybinding").stream()
                .filter(binding -> isKeyOf(binding.field("target"), rules.get(0).id())
                        && isKeyOf(binding.field("policy"), policy.get().id()))
                .count();
        if (bindings != 1) {
            problems.add("the policy must be bound to the notification rule once, found " + bindings);
        }
        if (!(policy.get().field("expression") instanceof Tagged format && format.tag().equals("!Format")
                && format.value() instanceof List<?> parts && !parts.isEmpty() && parts.get(0) instanceof String source)) {
            problems.add("the expression is expected as !Format [source, values...]");
            return problems;
        }
        List<?> values = parts.subList(1, parts.size());
        int placeholders = source.split("%s", -1).length - 1;
        if (placeholders != values.size()) {
            problems.add("the expression has " + placeholders + " %s but " + values.size() + " values");
        }
        if (source.replace("%s", "").contains("%")) {
            problems.add("the expression has a % other than %s; blueprint !Format would choke on it");
        }
        String rendered = source;
        for (Object value : values) {
            Object resolved = contextValue(blueprint, value);
            if (resolved == null) {
                problems.add("the value " + value + " is not a !Context key the blueprint defines");
            }
            rendered = rendered.replaceFirst("%s", Matcher.quoteReplacement(String.valueOf(resolved)));
        }
        for (String duty : List.of("\"model_created\"", "\"invitation\"", "Invitation.objects.filter(pk=model.get(\"pk\"))",
                "fixed_data.get(\"email\")", "ak_send_email(", "/if/flow/{slug}/?itoken={invitation.pk}",
                "\"" + map(blueprint.root().get("context")).get("authentik_url") + "\"")) {
            if (!rendered.contains(duty)) {
                problems.add("the policy lacks " + duty);
            }
        }
        int loopGuard = rendered.indexOf("\"policy_uuid\" in event.context");
        if (loopGuard < 0 || loopGuard > rendered.indexOf("ak_send_email(")) {
            problems.add("the policy must skip events carrying policy_uuid before it sends anything");
        }
        return problems;
    }

    static List<String> permissionProblems(Blueprint blueprint) {
        List<Entry> roles = blueprint.entries("authentik_rbac.role");
        if (roles.size() != 1 || roles.get(0).id() == null) {
            return List.of("one role with an id is expected, found " + roles.size());
        }
        Entry role = roles.get(0);
        List<String> problems = new ArrayList<>();
        Set<String> global = list(role.field("permissions")).stream().map(String::valueOf).collect(Collectors.toSet());
        if (!global.equals(BOT_GLOBAL_PERMISSIONS)) {
            problems.add("the role grants " + new TreeSet<>(global) + ", expected " + new TreeSet<>(BOT_GLOBAL_PERMISSIONS));
        }
        global.forEach(permission -> problems.addAll(permissionNameProblems(permission)));

        List<Entry> serviceGroups = blueprint.entries("authentik_core.group").stream()
                .filter(group -> list(group.field("roles")).stream().anyMatch(value -> isKeyOf(value, role.id()))).toList();
        if (serviceGroups.size() != 1 || serviceGroups.get(0).id() == null
                || Boolean.TRUE.equals(serviceGroups.get(0).field("is_superuser"))) {
            problems.add("one non-superuser group with an id must hold the role");
        } else if (blueprint.entries("authentik_core.user").stream().noneMatch(user -> "service_account".equals(user.field("type"))
                && list(user.field("groups")).stream().anyMatch(value -> isKeyOf(value, serviceGroups.get(0).id())))) {
            problems.add("a service account must be a member of the group holding the role");
        }

        Set<String> grantedOn = new TreeSet<>();
        for (Entry entry : blueprint.entries()) {
            for (Object permission : entry.permissions()) {
                Map<?, ?> fields = map(permission);
                problems.addAll(permissionNameProblems(String.valueOf(fields.get("permission"))));
                if (ADD_USER_TO_GROUP.equals(fields.get("permission")) && isKeyOf(fields.get("role"), role.id())
                        && "authentik_core.group".equals(entry.model())
                        && !Boolean.TRUE.equals(entry.field("is_superuser"))) {
                    grantedOn.add(String.valueOf(entry.field("name")));
                } else {
                    problems.add(entry + ": unexpected object permission " + fields);
                }
            }
        }
        if (!grantedOn.equals(INVITABLE_GROUPS)) {
            problems.add("add user to group is granted on " + grantedOn + ", expected " + new TreeSet<>(INVITABLE_GROUPS));
        }
        return problems;
    }

    private static List<String> permissionNameProblems(String permission) {
        Matcher name = PERMISSION.matcher(permission);
        if (!name.matches()) {
            return List.of(permission + " is not app_label.codename");
        }
        String app = name.group(1);
        if (schema.models().stream().noneMatch(model -> model.startsWith(app + "."))) {
            return List.of(permission + ": Authentik has no app " + app);
        }
        Matcher modelPermission = MODEL_PERMISSION.matcher(name.group(2));
        if (modelPermission.matches() && !schema.models().contains(app + "." + modelPermission.group(1))) {
            return List.of(permission + ": Authentik has no model " + app + "." + modelPermission.group(1));
        }
        return List.of();
    }

    // ---- reading the blueprint ----

    /** A value written with one of Authentik's tags: {@code !KeyOf flow} is ("!KeyOf", "flow"). */
    record Tagged(String tag, Object value) {}

    /** The blueprint as written: the root mapping and its entries, tags kept as {@link Tagged}. */
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
    }

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

    /** What the checks need from Authentik's OpenAPI schema: the model names and each model's request body. */
    record AuthentikSchema(Set<String> models, Map<?, ?> components) {

        static AuthentikSchema read(Path file) throws IOException {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(32 * 1024 * 1024);
            Map<?, ?> root = map(new Yaml(new SafeConstructor(options)).load(Files.readString(file)));
            Map<?, ?> components = map(map(root.get("components")).get("schemas"));
            Set<String> models = list(map(components.get("ModelEnum")).get("enum")).stream().map(String::valueOf)
                    .collect(Collectors.toSet());
            assertThat(models).as("ModelEnum in " + file).contains("authentik_flows.flow");
            return new AuthentikSchema(models, components);
        }

        /** authentik_flows.flowstagebinding is created through FlowStageBindingRequest. */
        Optional<Map<?, ?>> request(String model) {
            String wanted = model.substring(model.indexOf('.') + 1) + "request";
            List<?> matches = components.keySet().stream().filter(name -> wanted.equalsIgnoreCase(String.valueOf(name))).toList();
            return matches.size() == 1 ? Optional.of(map(components.get(matches.get(0)))) : Optional.empty();
        }

        /** The values a property allows when it is an enum ($ref, allOf or oneOf of enums), else null. */
        List<Object> enumValues(Map<?, ?> property) {
            List<Object> references = new ArrayList<>();
            if (property.containsKey("$ref")) {
                references.add(property.get("$ref"));
            }
            for (String combination : List.of("allOf", "oneOf", "anyOf")) {
                for (Object part : list(property.get(combination))) {
                    if (!map(part).containsKey("$ref")) {
                        return null;
                    }
                    references.add(map(part).get("$ref"));
                }
            }
            List<Object> values = new ArrayList<>();
            for (Object reference : references) {
                String name = String.valueOf(reference).substring(String.valueOf(reference).lastIndexOf('/') + 1);
                if (!(map(components.get(name)).get("enum") instanceof List<?> allowed)) {
                    return null;
                }
                values.addAll(allowed);
            }
            return references.isEmpty() ? null : values;
        }
    }

    // ---- small helpers ----

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String keyOf(Object value) {
        return value instanceof Tagged tagged && tagged.tag().equals("!KeyOf") ? String.valueOf(tagged.value()) : null;
    }

    private static boolean isKeyOf(Object value, String id) {
        return id != null && id.equals(keyOf(value));
    }

    private static int order(Entry binding) {
        return binding.field("order") instanceof Integer order ? order : Integer.MAX_VALUE;
    }

    /** The value of {@code !Context key} or {@code !Context [key, default]}; null when neither gives one. */
    private static Object contextValue(Blueprint blueprint, Object value) {
        if (!(value instanceof Tagged tagged) || !tagged.tag().equals("!Context")) {
            return value;
        }
        List<?> keyAndDefault = tagged.value() instanceof List<?> list ? list : List.of(tagged.value());
        Map<?, ?> context = map(blueprint.root().get("context"));
        Object key = keyAndDefault.get(0);
        return context.containsKey(key) ? context.get(key) : keyAndDefault.size() > 1 ? keyAndDefault.get(1) : null;
    }

    /** Every tagged value inside {@code value} (with the given tag, or all when tag is null). */
    private static List<Tagged> tags(Object value, String tag) {
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
