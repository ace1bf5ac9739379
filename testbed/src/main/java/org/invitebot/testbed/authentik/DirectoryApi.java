package org.invitebot.testbed.authentik;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Users, groups and flows (API-NOTES §2, §5). */
final class DirectoryApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuthentikState state;
    private final AuthentikJson json;

    DirectoryApi(AuthentikState state, AuthentikJson json) {
        this.state = state;
        this.json = json;
    }

    AuthentikReply me(AuthentikApi.Call call) {
        ObjectNode session = JsonNodeFactory.instance.objectNode();
        session.set("user", json.userSelf(call.caller()));
        return AuthentikReply.json(200, session);
    }

    AuthentikReply users(AuthentikApi.Call call) {
        ListQuery query = new ListQuery(call.url());
        JsonNode attributes = attributesFilter(query.value("attributes"));
        Set<String> groupNames = existingGroups(query.values("groups_by_name"));
        String uuidText = query.value("uuid");
        Optional<UUID> uuid = uuidText == null || uuidText.isEmpty() ? Optional.empty() : RequestValues.uuid(uuidText);
        if (uuidText != null && !uuidText.isEmpty() && uuid.isEmpty()) {
            throw AuthentikRefusal.invalid("uuid", "Enter a valid UUID.");
        }
        List<ObjectNode> results = state.users(user -> {
            Set<String> groups = state.groupNamesOf(user.username);
            return query.exact("username", user.username)
                    && query.exact("email", user.email)
                    && query.exact("name", user.name)
                    && uuid.map(user.uuid::equals).orElse(true)
                    && query.flag("is_active", user.active)
                    && query.flag("is_superuser", groups.contains(AuthentikState.SUPERUSER_GROUP))
                    && (groupNames.isEmpty() || groupNames.stream().anyMatch(groups::contains))
                    && hasAttributes(user, attributes)
                    && query.searchFinds(user.username, user.name, user.email, user.uuid.toString());
        }).stream().map(user -> json.user(user, query.includes("include_groups"), query.includes("include_roles"))).toList();
        return Page.of(query, results);
    }

    AuthentikReply groups(AuthentikApi.Call call) {
        ListQuery query = new ListQuery(call.url());
        List<String> members = query.values("members_by_username");
        List<ObjectNode> results = state.groups(group -> query.exact("name", group.name())
                        && query.flag("is_superuser", group.isSuperuser())
                        && (members.isEmpty() || members.stream().anyMatch(username -> isMember(username, group)))
                        && query.searchFinds(group.name()))
                .stream().map(group -> json.group(group, query.includes("include_users"))).toList();
        return Page.of(query, results);
    }

    AuthentikReply addUser(AuthentikApi.Call call) {
        return membership(call, true);
    }

    AuthentikReply removeUser(AuthentikApi.Call call) {
        return membership(call, false);
    }

    AuthentikReply flow(AuthentikApi.Call call) {
        return state.flow(call.pathParameters().get("slug"))
                .map(flow -> AuthentikReply.json(200, json.flow(flow)))
                .orElseGet(() -> AuthentikReply.detail(404, "No Flow matches the given query."));
    }

    /** The stage bindings of flows, in order; {@code target} is a flow's pk. */
    AuthentikReply flowBindings(AuthentikApi.Call call) {
        ListQuery query = new ListQuery(call.url());
        List<ObjectNode> results = new ArrayList<>();
        state.flows().stream()
                .filter(flow -> query.exact("target", flow.pk().toString()))
                .forEach(flow -> {
                    for (int i = 0; i < flow.stages().size(); i++) {
                        results.add(json.binding(flow, i));
                    }
                });
        return Page.of(query, results);
    }

    /**
     * Authentik's add_user and remove_user validate nothing: they look the group up, then the user
     * by the body's {@code pk}, and answer 404 when either is not found.
     */
    private AuthentikReply membership(AuthentikApi.Call call, boolean add) {
        Optional<UUID> group = RequestValues.uuid(call.pathParameters().get("group_uuid")).filter(pk -> state.group(pk).isPresent());
        if (group.isEmpty()) {
            return AuthentikReply.notFound();
        }
        JsonNode pk = RequestValues.object(call.body()).path("pk");
        if (!pk.canConvertToExactIntegral()) {
            return AuthentikReply.notFound();
        }
        boolean done = add ? state.addToGroup(group.get(), pk.asInt()) : state.removeFromGroup(group.get(), pk.asInt());
        return done ? AuthentikReply.noContent() : AuthentikReply.notFound();
    }

    /**
     * Authentik's {@code attributes} filter: a JSON object whose keys are matched exactly, {@code __}
     * going one level deeper (API-NOTES §3); anything else is refused.
     */
    private static JsonNode attributesFilter(String value) {
        if (value == null || value.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode filter;
        try {
            filter = JSON.readTree(value);
        } catch (IOException e) {
            throw AuthentikRefusal.invalid("filter: failed to parse JSON");
        }
        if (filter == null || !filter.isObject()) {
            throw AuthentikRefusal.invalid("filter: value must be key:value mapping");
        }
        return filter;
    }

    private static boolean hasAttributes(AuthentikState.User user, JsonNode filter) {
        JsonNode attributes = JSON.valueToTree(user.attributes);
        return filter.properties().stream().allMatch(entry -> {
            JsonNode actual = attributes;
            for (String key : entry.getKey().split("__")) {
                actual = actual.path(key);
            }
            return sameJson(actual, entry.getValue());
        });
    }

    /** JSON equality in which 5 and 5.0 are the same number, as in the database's JSON comparison. */
    private static boolean sameJson(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1, b);
    }

    /** django-filter's ModelMultipleChoiceFilter refuses names that are no group. */
    private Set<String> existingGroups(List<String> names) {
        Set<String> known = state.groups(group -> true).stream().map(AuthentikState.Group::name).collect(Collectors.toSet());
        for (String name : names) {
            if (!known.contains(name)) {
                throw AuthentikRefusal.invalid("groups_by_name", "Select a valid choice. " + name
                        + " is not one of the available choices.");
            }
        }
        return Set.copyOf(names);
    }

    private boolean isMember(String username, AuthentikState.Group group) {
        return state.users(user -> user.username.equals(username)).stream().anyMatch(user -> user.groups.contains(group.pk()));
    }

}
