package org.invitebot.config;

import static org.invitebot.config.Blueprint.isKeyOf;
import static org.invitebot.config.Blueprint.keyOf;
import static org.invitebot.config.Blueprint.list;
import static org.invitebot.config.Blueprint.map;
import static org.invitebot.config.Blueprint.tags;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.invitebot.config.Blueprint.Entry;
import org.invitebot.config.Blueprint.Tagged;

/**
 * What the blueprint must be for Authentik to accept it and for the bot to work with what it builds.
 * Each check returns what is wrong, empty when all is well.
 */
final class BlueprintChecks {

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
    static final String ADD_USER_TO_GROUP = "authentik_core.add_user_to_group";
    private static final Set<String> INVITABLE_GROUPS = Set.of("media-users", "ai-users", "cloud-users",
            "communication-users");

    private static final Pattern PERMISSION = Pattern.compile("([a-z0-9_]+)\\.([a-z0-9_]+)");
    private static final Pattern MODEL_PERMISSION = Pattern.compile("(?:add|change|delete|view)_([a-z0-9]+)");

    private final AuthentikModels schema;

    BlueprintChecks(AuthentikModels schema) {
        this.schema = schema;
    }

    List<String> structureProblems(Blueprint blueprint) {
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

    List<String> keyOfProblems(Blueprint blueprint) {
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

    List<String> schemaProblems(Blueprint blueprint) {
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

    private List<String> valueProblems(Entry entry, String field, Map<?, ?> property, Object value) {
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

    List<String> enrollmentFlowProblems(Blueprint blueprint) {
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
        if (bindings.stream().map(BlueprintChecks::order).distinct().count() != bindings.size()) {
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
                Set<Object> keys = list(fields.get("fields")).stream().map(Blueprint::keyOf)
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

    List<String> emailSenderProblems(Blueprint blueprint) {
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
            Object resolved = blueprint.contextValue(value);
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

    List<String> permissionProblems(Blueprint blueprint) {
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

    private List<String> permissionNameProblems(String permission) {
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

    private static int order(Entry binding) {
        return binding.field("order") instanceof Integer order ? order : Integer.MAX_VALUE;
    }
}
