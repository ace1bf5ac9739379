package org.invitebot.testbed.authentik;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import okhttp3.HttpUrl;

/** The operations of Authentik's API the stand-in serves, by the schema's operationId. */
final class AuthentikApi {

    /** A request that fits the schema, from an authenticated user. */
    record Call(HttpUrl url, Map<String, String> pathParameters, String body, AuthentikState.User caller) {
    }

    interface Handler {
        AuthentikReply handle(Call call);
    }

    /**
     * @param parameters the query parameters the stand-in honours; the schema may declare more, which
     *                   the stand-in would silently ignore, so a request using one is reported
     */
    record Endpoint(Set<String> parameters, Handler handler) {
    }

    private final Map<String, Endpoint> endpoints;

    AuthentikApi(AuthentikState state) {
        AuthentikJson json = new AuthentikJson(state);
        DirectoryApi directory = new DirectoryApi(state, json);
        InvitationApi invitations = new InvitationApi(state, json);
        EventApi events = new EventApi(state, json);
        this.endpoints = Map.ofEntries(
                Map.entry("core_users_me_retrieve", new Endpoint(Set.of(), directory::me)),
                Map.entry("core_users_list", new Endpoint(listing("username", "email", "name", "is_active", "is_superuser", "uuid",
                        "attributes", "groups_by_name", "search", "include_groups", "include_roles"), directory::users)),
                Map.entry("core_groups_list", new Endpoint(listing("name", "is_superuser", "members_by_username", "search",
                        "include_users"), directory::groups)),
                Map.entry("core_groups_add_user_create", new Endpoint(Set.of(), directory::addUser)),
                Map.entry("core_groups_remove_user_create", new Endpoint(Set.of(), directory::removeUser)),
                Map.entry("flows_instances_retrieve", new Endpoint(Set.of(), directory::flow)),
                Map.entry("flows_bindings_list", new Endpoint(listing("target", "ordering"), directory::flowBindings)),
                Map.entry("stages_invitation_invitations_list", new Endpoint(listing("name", "created_by__username", "flow__slug",
                        "search", "ordering"), invitations::list)),
                Map.entry("stages_invitation_invitations_create", new Endpoint(Set.of(), invitations::create)),
                Map.entry("stages_invitation_invitations_retrieve", new Endpoint(Set.of(), invitations::retrieve)),
                Map.entry("stages_invitation_invitations_destroy", new Endpoint(Set.of(), invitations::destroy)),
                Map.entry("events_events_list", new Endpoint(listing("action", "actions", "username", "context_model_pk",
                        "context_model_name", "context_model_app", "search", "ordering"),
                        events::list)));
    }

    Optional<Endpoint> endpoint(String operationId) {
        return Optional.ofNullable(endpoints.get(operationId));
    }

    /** The filters of a list operation, and its pages. */
    private static Set<String> listing(String... filters) {
        Set<String> parameters = new HashSet<>(Set.of(filters));
        parameters.addAll(Set.of("page", "page_size"));
        return Set.copyOf(parameters);
    }
}
