package org.invitebot.testbed.authentik;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/** The event log (API-NOTES §4). There is no time filter: clients poll newest first. */
final class EventApi {

    private static final Map<String, Comparator<StoredEvent>> ORDERINGS = Map.of(
            "created", Comparator.comparing(StoredEvent::created),
            "action", Comparator.comparing(StoredEvent::action));

    private final AuthentikState state;
    private final AuthentikJson json;

    EventApi(AuthentikState state, AuthentikJson json) {
        this.state = state;
        this.json = json;
    }

    AuthentikReply list(AuthentikApi.Call call) {
        ListQuery query = new ListQuery(call.url());
        List<String> actions = query.values("actions");
        String action = query.value("action");
        String username = query.value("username");
        List<JsonNode> results = ordered(query.value("ordering")).stream()
                .filter(event -> actions.isEmpty() || actions.contains(event.action()))
                .filter(event -> action == null || event.action().toLowerCase(Locale.ROOT).contains(action.toLowerCase(Locale.ROOT)))
                .filter(event -> username == null || username.equals(event.username())
                        || username.equals(event.context().get("username")))
                .filter(event -> {
                    Map<?, ?> model = event.context().get("model") instanceof Map<?, ?> map ? map : Map.of();
                    String pk = query.value("context_model_pk");
                    // the filter strips dashes, so a dashed UUID finds the hex pk of a model event
                    return (pk == null || pk.replace("-", "").equals(String.valueOf(model.get("pk"))))
                            && query.exact("context_model_name", Objects.toString(model.get("model_name"), null))
                            && query.exact("context_model_app", Objects.toString(model.get("app"), null));
                })
                .<JsonNode>map(json::event)
                .filter(event -> query.searchFinds(event.path("pk").asText(), event.path("user").toString(),
                        event.path("action").asText(), event.path("app").asText(), event.path("context").toString(),
                        event.path("client_ip").asText()))
                .toList();
        return Page.of(query, results);
    }

    /**
     * Newest first unless {@code ordering} asks otherwise; events recorded in the same instant keep
     * their recording order, reversed when descending.
     */
    private List<StoredEvent> ordered(String ordering) {
        String field = ordering == null ? "" : ordering.split(",")[0].strip();
        boolean descending = field.startsWith("-");
        Comparator<StoredEvent> order = ORDERINGS.get(descending ? field.substring(1) : field);
        if (order == null) {
            descending = true;
            order = ORDERINGS.get("created");
        }
        List<StoredEvent> events = new ArrayList<>(state.events());
        if (descending) {
            Collections.reverse(events);
            order = order.reversed();
        }
        events.sort(order);
        return events;
    }
}
