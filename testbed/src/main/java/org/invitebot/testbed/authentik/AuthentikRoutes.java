package org.invitebot.testbed.authentik;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Answers Authentik's REST API from {@link AuthentikState}, the way Authentik 2026.2 does (API-NOTES
 * §1-§6): 403 for a bad token, DRF-style 400 bodies, pagination with page numbers, 0 for none.
 */
final class AuthentikRoutes extends Dispatcher {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String API = "/api/v3";
    private static final Pattern SLUG = Pattern.compile("^[-a-zA-Z0-9_]+$");
    private static final Pattern INVITATION = Pattern.compile("/stages/invitation/invitations/([^/]+)/");
    private static final Pattern GROUP_MEMBER = Pattern.compile("/core/groups/([^/]+)/(add_user|remove_user)/");
    private static final Pattern FLOW = Pattern.compile("/flows/instances/([^/]+)/");
    private static final int DEFAULT_PAGE_SIZE = 20;
    private static final int MAX_PAGE_SIZE = 100;

    private final AuthentikState state;
    private final Clock clock;
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<ContractViolation> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile boolean available = true;
    private volatile Duration latency = Duration.ZERO;

    AuthentikRoutes(AuthentikState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    private record Answer(int status, String body) {
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        Instant receivedAt = clock.instant();
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());
        }
        HttpUrl url = request.getUrl();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        String target = url.encodedQuery() == null ? url.encodedPath() : url.encodedPath() + "?" + url.encodedQuery();
        Answer answer = answer(request, url, body);
        requests.add(new ReceivedRequest(receivedAt, request.getMethod(), target, body, answer.status()));
        MockResponse.Builder response = new MockResponse.Builder().code(answer.status());
        if (answer.body() != null) {
            response.setHeader("Content-Type", answer.status() >= 500 ? "text/html" : "application/json").body(answer.body());
        }
        return response.build();
    }

    private Answer answer(RecordedRequest request, HttpUrl url, String body) {
        if (!available) {
            return new Answer(502, "<html><body><h1>502 Bad Gateway</h1></body></html>");
        }
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            return new Answer(failureStatus, "<html><body><h1>" + failureStatus + "</h1></body></html>");
        }
        String method = request.getMethod();
        String path = url.encodedPath();
        Map<String, List<String>> query = new LinkedHashMap<>();
        url.queryParameterNames().forEach(name -> query.put(name, url.queryParameterValues(name)));
        String contentType = request.getHeaders().get("Content-Type");
        AuthentikContract.get().problems(method, path, query, contentType, body)
                .forEach(problem -> violations.add(new ContractViolation(method, path, problem)));
        if (!path.startsWith(API + "/")) {
            return notFound();
        }
        String authorization = request.getHeaders().get("Authorization");
        Optional<AuthentikState.User> caller = authorization != null && authorization.startsWith("Bearer ")
                ? state.bearer(authorization.substring("Bearer ".length()).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            return new Answer(403, detail("Token invalid/expired"));
        }
        try {
            return route(method, path.substring(API.length()), url, body, caller.get());
        } catch (BadRequest e) {
            return new Answer(400, e.body);
        }
    }

    private Answer route(String method, String path, HttpUrl url, String body, AuthentikState.User caller) {
        Matcher m;
        if (path.equals("/core/users/me/") && method.equals("GET")) {
            ObjectNode me = JSON.createObjectNode();
            me.set("user", user(caller, true));
            return ok(me);
        }
        if (path.equals("/core/users/") && method.equals("GET")) {
            return listUsers(url);
        }
        if (path.equals("/core/groups/") && method.equals("GET")) {
            return listGroups(url);
        }
        if ((m = GROUP_MEMBER.matcher(path)).matches() && method.equals("POST")) {
            return groupMembership(m.group(1), m.group(2), body);
        }
        if ((m = FLOW.matcher(path)).matches() && method.equals("GET")) {
            return state.flow(m.group(1)).map(flow -> ok(flow(flow)))
                    .orElseGet(() -> new Answer(404, detail("No Flow matches the given query.")));
        }
        if (path.equals("/stages/invitation/invitations/")) {
            if (method.equals("GET")) {
                return listInvitations(url);
            }
            if (method.equals("POST")) {
                return createInvitation(body, caller);
            }
        }
        if ((m = INVITATION.matcher(path)).matches()) {
            Optional<UUID> pk = uuid(m.group(1));
            Optional<StoredInvitation> invitation = pk.flatMap(state::invitation);
            if (invitation.isEmpty()) {
                return notFound();
            }
            if (method.equals("GET")) {
                return ok(invitation(invitation.get()));
            }
            if (method.equals("DELETE")) {
                state.deleteInvitation(pk.get(), caller.username);
                return new Answer(204, null);
            }
        }
        if (path.equals("/events/events/") && method.equals("GET")) {
            return listEvents(url);
        }
        return notFound();
    }

    private Answer listUsers(HttpUrl url) {
        Map<String, Object> attributes = url.queryParameter("attributes") == null ? Map.of()
                : jsonObjectParameter("attributes", url.queryParameter("attributes"));
        boolean includeGroups = !"false".equals(url.queryParameter("include_groups"));
        Predicate<AuthentikState.User> filter = user -> matches(url, "username", user.username)
                && matches(url, "email", user.email)
                && matches(url, "is_active", Boolean.toString(user.active))
                && attributes.entrySet().stream().allMatch(entry -> entry.getValue().equals(user.attributes.get(entry.getKey())))
                && searchMatches(url, user.username, user.name, user.email);
        List<ObjectNode> results = state.users(filter).stream().map(user -> user(user, includeGroups)).toList();
        return page(url, results);
    }

    private Answer listGroups(HttpUrl url) {
        boolean includeUsers = !"false".equals(url.queryParameter("include_users"));
        List<ObjectNode> results = state.groups(group -> matches(url, "name", group.name())
                && searchMatches(url, group.name())).stream().map(group -> group(group, includeUsers)).toList();
        return page(url, results);
    }

    private Answer groupMembership(String groupPk, String action, String body) {
        JsonNode request = readJson(body);
        if (!request.path("pk").isInt()) {
            throw new BadRequest(fieldError("pk", "A valid integer is required."));
        }
        Optional<UUID> group = uuid(groupPk);
        boolean done = group.isPresent() && (action.equals("add_user")
                ? state.addToGroup(group.get(), request.get("pk").asInt())
                : state.removeFromGroup(group.get(), request.get("pk").asInt()));
        return done ? new Answer(204, null) : notFound();
    }

    private Answer listInvitations(HttpUrl url) {
        String ordering = Optional.ofNullable(url.queryParameter("ordering")).orElse("-expires");
        Comparator<StoredInvitation> order = switch (ordering.replace("-", "")) {
            case "name" -> Comparator.comparing(StoredInvitation::name);
            default -> Comparator.comparing(StoredInvitation::expires, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
        if (ordering.startsWith("-")) {
            order = order.reversed();
        }
        List<ObjectNode> results = state.invitations().stream()
                .filter(invitation -> matches(url, "name", invitation.name())
                        && matches(url, "created_by__username", invitation.createdBy())
                        && matches(url, "flow__slug", invitation.flow() == null ? null
                                : state.flow(invitation.flow()).map(AuthentikState.Flow::slug).orElse(null))
                        && searchMatches(url, invitation.name(), invitation.createdBy(), String.valueOf(invitation.expires()),
                                invitation.flow() == null ? "" : state.flow(invitation.flow()).map(AuthentikState.Flow::slug).orElse("")))
                .sorted(order)
                .map(this::invitation)
                .toList();
        return page(url, results);
    }

    private Answer createInvitation(String body, AuthentikState.User caller) {
        JsonNode request = readJson(body);
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String name = request.path("name").asText("");
        if (!request.path("name").isTextual() || name.isEmpty()) {
            errors.put("name", List.of("This field is required."));
        } else if (!SLUG.matcher(name).matches()) {
            errors.put("name", List.of("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."));
        }
        Instant expires = null;
        if (request.hasNonNull("expires")) {
            try {
                expires = Instant.parse(request.get("expires").asText());
            } catch (DateTimeParseException e) {
                errors.put("expires", List.of("Datetime has wrong format. Use one of these formats instead: "
                        + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."));
            }
        }
        JsonNode fixedData = request.path("fixed_data");
        if (request.has("fixed_data") && !fixedData.isObject()) {
            errors.put("fixed_data", List.of("Value must be valid JSON."));
        }
        UUID flow = null;
        if (request.hasNonNull("flow")) {
            String flowText = request.get("flow").asText();
            Optional<UUID> pk = uuid(flowText).filter(id -> state.flow(id).isPresent());
            if (pk.isEmpty()) {
                errors.put("flow", List.of("Invalid pk \"" + flowText + "\" - object does not exist."));
            } else {
                flow = pk.get();
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequest(JSON.valueToTree(errors).toString());
        }
        StoredInvitation created = state.addInvitation(new StoredInvitation(UUID.randomUUID(), name, expires,
                request.path("single_use").asBoolean(false), flow,
                fixedData.isObject() ? JSON.convertValue(fixedData, MAP) : Map.of(), caller.username));
        return new Answer(201, invitation(created).toString());
    }

    private Answer listEvents(HttpUrl url) {
        List<String> actions = url.queryParameterValues("actions");
        String ordering = Optional.ofNullable(url.queryParameter("ordering")).orElse("-created");
        // recording order is creation order, also for events recorded in the same instant
        List<StoredEvent> sorted = new ArrayList<>(state.events());
        if (ordering.startsWith("-")) {
            Collections.reverse(sorted);
        }
        List<ObjectNode> results = sorted.stream()
                .filter(event -> actions.isEmpty() || actions.contains(event.action()))
                .filter(event -> url.queryParameter("action") == null
                        || event.action().toLowerCase(Locale.ROOT).contains(url.queryParameter("action").toLowerCase(Locale.ROOT)))
                .filter(event -> searchMatches(url, event.pk().toString(), event.action(), String.valueOf(event.username()),
                        JSON.valueToTree(event.context()).toString()))
                .map(this::event)
                .toList();
        return page(url, results);
    }

    /** DRF's PageNumberPagination as Authentik configures it: next/previous are page numbers, 0 for none. */
    private Answer page(HttpUrl url, List<ObjectNode> all) {
        int size = Math.min(MAX_PAGE_SIZE, positive(url.queryParameter("page_size"), DEFAULT_PAGE_SIZE));
        int page = positive(url.queryParameter("page"), 1);
        int totalPages = Math.max(1, (all.size() + size - 1) / size);
        if (page > totalPages) {
            return new Answer(404, detail("Invalid page."));
        }
        int from = (page - 1) * size;
        int to = Math.min(all.size(), from + size);
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode pagination = answer.putObject("pagination");
        pagination.put("next", page < totalPages ? page + 1 : 0)
                .put("previous", page > 1 ? page - 1 : 0)
                .put("count", all.size())
                .put("current", page)
                .put("total_pages", totalPages)
                .put("start_index", all.isEmpty() ? 0 : from + 1)
                .put("end_index", to);
        ArrayNode results = answer.putArray("results");
        all.subList(from, to).forEach(results::add);
        return ok(answer);
    }

    private ObjectNode user(AuthentikState.User user, boolean includeGroups) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", user.pk)
                .put("username", user.username)
                .put("name", user.name)
                .put("is_active", user.active)
                .putNull("last_login")
                .put("date_joined", "2026-01-01T00:00:00Z")
                .put("is_superuser", user.groups.stream().map(state::group).flatMap(Optional::stream)
                        .anyMatch(AuthentikState.Group::isSuperuser))
                .put("email", user.email)
                .put("uid", Integer.toHexString(user.username.hashCode()))
                .put("uuid", user.uuid.toString())
                .put("path", "users")
                .put("type", "internal");
        node.set("attributes", JSON.valueToTree(user.attributes));
        if (includeGroups) {
            ArrayNode groups = node.putArray("groups");
            ArrayNode groupsObj = node.putArray("groups_obj");
            user.groups.stream().map(state::group).flatMap(Optional::stream).forEach(group -> {
                groups.add(group.pk().toString());
                groupsObj.add(JSON.createObjectNode()
                        .put("pk", group.pk().toString())
                        .put("num_pk", group.numPk())
                        .put("name", group.name())
                        .put("is_superuser", group.isSuperuser())
                        .set("attributes", JSON.valueToTree(group.attributes())));
            });
        }
        return node;
    }

    private ObjectNode group(AuthentikState.Group group, boolean includeUsers) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", group.pk().toString())
                .put("num_pk", group.numPk())
                .put("name", group.name())
                .put("is_superuser", group.isSuperuser());
        node.putArray("parents");
        node.set("attributes", JSON.valueToTree(group.attributes()));
        if (includeUsers) {
            ArrayNode users = node.putArray("users");
            state.users(user -> user.groups.contains(group.pk())).forEach(user -> users.add(user.pk));
        }
        return node;
    }

    private ObjectNode flow(AuthentikState.Flow flow) {
        return JSON.createObjectNode()
                .put("pk", flow.pk().toString())
                .put("slug", flow.slug())
                .put("name", flow.slug())
                .put("title", flow.slug())
                .put("designation", flow.designation());
    }

    private ObjectNode invitation(StoredInvitation invitation) {
        ObjectNode node = JSON.createObjectNode()
                .put("pk", invitation.pk().toString())
                .put("name", invitation.name());
        if (invitation.expires() == null) {
            node.putNull("expires");
        } else {
            node.put("expires", invitation.expires().toString());
        }
        node.set("fixed_data", JSON.valueToTree(invitation.fixedData()));
        AuthentikState.User creator = state.userNamed(invitation.createdBy());
        node.set("created_by", JSON.createObjectNode()
                .put("pk", creator.pk)
                .put("username", creator.username)
                .put("name", creator.name)
                .put("is_active", creator.active)
                .putNull("last_login")
                .put("email", creator.email)
                .put("uid", Integer.toHexString(creator.username.hashCode()))
                .set("attributes", JSON.valueToTree(creator.attributes)));
        node.put("single_use", invitation.singleUse());
        if (invitation.flow() == null) {
            node.putNull("flow");
            node.putNull("flow_obj");
        } else {
            node.put("flow", invitation.flow().toString());
            node.set("flow_obj", state.flow(invitation.flow()).map(this::flow).orElse(null));
        }
        return node;
    }

    private ObjectNode event(StoredEvent event) {
        ObjectNode node = JSON.createObjectNode().put("pk", event.pk().toString());
        ObjectNode user = node.putObject("user");
        if (event.username() == null) {
            user.put("pk", 0).put("username", "AnonymousUser").put("is_anonymous", true);
        } else {
            AuthentikState.User who = state.userNamed(event.username());
            user.put("pk", who.pk).put("username", who.username).put("email", who.email);
        }
        node.put("action", event.action()).put("app", "authentik.events.models");
        node.set("context", JSON.valueToTree(event.context()));
        node.put("client_ip", "127.0.0.1")
                .put("created", event.created().toString())
                .put("expires", event.created().plus(Duration.ofDays(365)).toString());
        node.putObject("brand");
        return node;
    }

    private static boolean matches(HttpUrl url, String parameter, String value) {
        String wanted = url.queryParameter(parameter);
        return wanted == null || wanted.equals(value);
    }

    private static boolean searchMatches(HttpUrl url, String... fields) {
        String search = url.queryParameter("search");
        if (search == null || search.isEmpty()) {
            return true;
        }
        String needle = search.toLowerCase(Locale.ROOT);
        for (String field : fields) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static int positive(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> jsonObjectParameter(String name, String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node != null && node.isObject()) {
                return JSON.convertValue(node, MAP);
            }
        } catch (IOException e) {
            // answered below like Authentik's filter does
        }
        throw new BadRequest(fieldError(name, "filter must be a valid JSON object"));
    }

    private static JsonNode readJson(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // answered below as DRF's JSON parser does
        }
        throw new BadRequest(detail("JSON parse error"));
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body.toString());
    }

    private static Answer notFound() {
        return new Answer(404, detail("Not found."));
    }

    private static String detail(String message) {
        return JSON.createObjectNode().put("detail", message).toString();
    }

    private static String fieldError(String field, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.putArray(field).add(message);
        return node.toString();
    }

    /** A DRF validation error: answered 400 with the field errors as the body. */
    private static final class BadRequest extends RuntimeException {
        final String body;

        BadRequest(String body) {
            super(body, null, false, false);
            this.body = body;
        }
    }

    List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    List<ContractViolation> violations() {
        return List.copyOf(violations);
    }

    void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    void setAvailable(boolean available) {
        this.available = available;
    }

    void setLatency(Duration latency) {
        this.latency = latency;
    }
}
