package org.invitebot.testbed.authentik;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Authentik's JSON for each kind of object, shaped like the schema's components of the same name. */
final class AuthentikJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String AVATAR = "/static/dist/assets/images/user_default.png";
    // Authentik's default event retention (API-NOTES §4)
    private static final Duration EVENT_RETENTION = Duration.ofDays(365);

    private final AuthentikState state;

    AuthentikJson(AuthentikState state) {
        this.state = state;
    }

    /**
     * Authentik's rendering of a date-time: DRF writes Python's isoformat in UTC with {@code Z},
     * microseconds only when there are any (API-NOTES §1).
     */
    static String time(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        int nanos = micros.getNano();
        return SECONDS.format(micros) + (nanos == 0 ? "" : String.format(".%06d", nanos / 1000)) + "Z";
    }

    /** {@code User}, with its groups as {@code PartialGroup}s unless {@code include_groups=false}. */
    ObjectNode user(AuthentikState.User user, boolean includeGroups, boolean includeRoles) {
        List<AuthentikState.Group> groups = groupsOf(user);
        ObjectNode node = JSON.createObjectNode()
                .put("pk", user.pk)
                .put("username", user.username)
                .put("name", user.name)
                .put("is_active", user.active)
                .putNull("last_login")
                .put("date_joined", time(user.joined))
                .put("is_superuser", groups.stream().anyMatch(AuthentikState.Group::isSuperuser));
        ArrayNode groupPks = node.putArray("groups");
        groups.forEach(group -> groupPks.add(group.pk().toString()));
        if (includeGroups) {
            ArrayNode groupsObj = node.putArray("groups_obj");
            groups.forEach(group -> groupsObj.add(partialGroup(group)));
        } else {
            node.putNull("groups_obj");
        }
        node.putArray("roles");
        if (includeRoles) {
            node.putArray("roles_obj");
        } else {
            node.putNull("roles_obj");
        }
        node.put("email", user.email)
                .put("avatar", AVATAR)
                .put("uid", user.uid)
                .put("path", "users")
                .put("type", "internal")
                .put("uuid", user.uuid.toString())
                .put("password_change_date", time(user.joined))
                .put("last_updated", time(user.joined));
        node.set("attributes", JSON.valueToTree(user.attributes));
        return node;
    }

    /** {@code UserSelf}, the user of {@code /core/users/me/}: groups as name and pk only, sorted by name. */
    ObjectNode userSelf(AuthentikState.User user) {
        List<AuthentikState.Group> groups = groupsOf(user);
        ObjectNode node = JSON.createObjectNode()
                .put("pk", user.pk)
                .put("username", user.username)
                .put("name", user.name)
                .put("is_active", user.active)
                .put("is_superuser", groups.stream().anyMatch(AuthentikState.Group::isSuperuser));
        ArrayNode groupNodes = node.putArray("groups");
        groups.stream().sorted(Comparator.comparing(AuthentikState.Group::name))
                .forEach(group -> groupNodes.addObject().put("name", group.name()).put("pk", group.pk().toString()));
        node.putArray("roles");
        node.put("email", user.email)
                .put("avatar", AVATAR)
                .put("uid", user.uid)
                .put("type", "internal");
        node.putObject("settings");
        node.putArray("system_permissions");
        return node;
    }

    /** {@code PartialUser}, as in a group's {@code users_obj} and an invitation's {@code created_by}. */
    ObjectNode partialUser(AuthentikState.User user) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", user.pk)
                .put("username", user.username)
                .put("name", user.name)
                .put("is_active", user.active)
                .putNull("last_login")
                .put("email", user.email)
                .put("uid", user.uid);
        node.set("attributes", JSON.valueToTree(user.attributes));
        return node;
    }

    /** {@code PartialGroup}, as in a user's {@code groups_obj}. */
    ObjectNode partialGroup(AuthentikState.Group group) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", group.pk().toString())
                .put("num_pk", group.numPk())
                .put("name", group.name())
                .put("is_superuser", group.isSuperuser());
        node.putObject("attributes");
        return node;
    }

    /** {@code Group}, with its members as {@code PartialUser}s unless {@code include_users=false}. */
    ObjectNode group(AuthentikState.Group group, boolean includeUsers) {
        List<AuthentikState.User> members = state.users(user -> user.groups.contains(group.pk()));
        ObjectNode node = JSON.createObjectNode()
                .put("pk", group.pk().toString())
                .put("num_pk", group.numPk())
                .put("name", group.name())
                .put("is_superuser", group.isSuperuser());
        node.putArray("parents");
        // include_parents, include_children and include_inherited_roles default to false (API-NOTES §5)
        node.putNull("parents_obj");
        ArrayNode users = node.putArray("users");
        members.forEach(member -> users.add(member.pk));
        if (includeUsers) {
            ArrayNode usersObj = node.putArray("users_obj");
            members.forEach(member -> usersObj.add(partialUser(member)));
        } else {
            node.putNull("users_obj");
        }
        node.putObject("attributes");
        node.putArray("roles");
        node.putArray("roles_obj");
        node.putNull("inherited_roles_obj");
        node.putArray("children");
        node.putNull("children_obj");
        return node;
    }

    /** {@code FlowStageBinding} of the flow's {@code index}-th stage, with its {@code Stage}. */
    ObjectNode binding(AuthentikState.Flow flow, int index) {
        String model = flow.stages().get(index);
        String kind = model.substring("authentik_stages_".length(), model.indexOf('.'));
        UUID bindingPk = UUID.nameUUIDFromBytes((flow.pk() + "/binding/" + index).getBytes(StandardCharsets.UTF_8));
        UUID stagePk = UUID.nameUUIDFromBytes((flow.pk() + "/stage/" + index).getBytes(StandardCharsets.UTF_8));
        ObjectNode node = JSON.createObjectNode()
                .put("pk", bindingPk.toString())
                .put("policybindingmodel_ptr_id", bindingPk.toString())
                .put("target", flow.pk().toString())
                .put("stage", stagePk.toString());
        ObjectNode stage = node.putObject("stage_obj")
                .put("pk", stagePk.toString())
                .put("name", flow.slug() + "-" + kind)
                .put("component", "ak-stage-" + kind.replace("_", "-") + "-form")
                .put("verbose_name", kind.replace('_', ' ') + " stage")
                .put("verbose_name_plural", kind.replace('_', ' ') + " stages")
                .put("meta_model_name", model);
        // a FlowSet is the Flow without what only the flow's own page shows
        stage.putArray("flow_set").add(flow(flow).without(List.of("background", "background_themed_urls", "stages", "policies",
                "cache_count", "authentication")));
        return node.put("evaluate_on_plan", false)
                .put("re_evaluate_policies", true)
                .put("order", (index + 1) * 10)
                .put("policy_engine_mode", "any")
                .put("invalid_response_action", "retry");
    }

    /** {@code Flow}, with the defaults of a flow made in the admin interface. */
    ObjectNode flow(AuthentikState.Flow flow) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", flow.pk().toString())
                .put("policybindingmodel_ptr_id", flow.pk().toString())
                .put("name", flow.slug())
                .put("slug", flow.slug())
                .put("title", flow.slug())
                .put("designation", flow.designation())
                .put("background", "")
                .put("background_url", "/static/dist/assets/images/flow_background.jpg")
                .putNull("background_themed_urls");
        node.putArray("stages");
        node.putArray("policies");
        node.put("cache_count", 0)
                .put("policy_engine_mode", "any")
                .put("compatibility_mode", false)
                .put("export_url", AuthentikSchema.BASE_PATH + "/flows/instances/" + flow.slug() + "/export/")
                .put("layout", "stacked")
                .put("denied_action", "message_continue")
                .put("authentication", "none");
        return node;
    }

    /**
     * {@code Invitation}. For an invitation any flow accepts, {@code flow_obj} is null: the schema
     * says it is always an object, but DRF renders a missing related object as null.
     */
    ObjectNode invitation(StoredInvitation invitation) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", invitation.pk().toString())
                .put("name", invitation.name());
        if (invitation.expires() == null) {
            node.putNull("expires");
        } else {
            node.put("expires", time(invitation.expires()));
        }
        node.set("fixed_data", JSON.valueToTree(invitation.fixedData()));
        node.set("created_by", partialUser(state.userNamed(invitation.createdBy())));
        node.put("single_use", invitation.singleUse());
        Optional<AuthentikState.Flow> flow = Optional.ofNullable(invitation.flow()).flatMap(state::flow);
        node.put("flow", flow.map(found -> found.pk().toString()).orElse(null));
        node.set("flow_obj", flow.<JsonNode>map(this::flow).orElse(JSON.nullNode()));
        return node;
    }

    /** {@code Event}: {@code user} is the anonymous user for events without one, as for an opened invitation link. */
    ObjectNode event(StoredEvent event) {
        ObjectNode node = JSON.createObjectNode().put("pk", event.pk().toString());
        if (event.username() == null) {
            node.putObject("user").put("pk", 0).put("email", "").put("username", "AnonymousUser").put("is_anonymous", true);
        } else {
            AuthentikState.User user = state.userNamed(event.username());
            node.putObject("user").put("pk", user.pk).put("email", user.email).put("username", user.username);
        }
        node.put("action", event.action())
                // model events come from the audit middleware, the others from signal handlers
                .put("app", event.action().startsWith("model_") ? "authentik.events.middleware" : "authentik.events.signals");
        node.set("context", JSON.valueToTree(event.context()));
        node.put("client_ip", "127.0.0.1")
                .put("created", time(event.created()))
                .put("expires", time(event.created().plus(EVENT_RETENTION)));
        node.putObject("brand").put("app", "authentik_brands").put("model_name", "brand").put("name", "Default brand");
        return node;
    }

    private List<AuthentikState.Group> groupsOf(AuthentikState.User user) {
        return user.groups.stream().map(state::group).flatMap(Optional::stream).toList();
    }
}
