package org.invitebot.core.authentik;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.invitebot.core.config.AuthentikSettings;
import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.AuthentikEvent;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.core.port.AuthentikUser;
import org.invitebot.core.port.EventPage;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.port.NewInvitation;

/** Authentik's REST API (base path /api/v3): the only place that knows its JSON. */
public final class AuthentikClient implements Authentik {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    /** Authentik caps pages at 100 whatever is asked (API-NOTES §6). */
    private static final int PAGE_SIZE = 100;
    /** Small: a poll when nothing happened reads one short page (API-NOTES §4, §6). */
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper();
    private final HttpUrl api;
    private final HttpUrl site;
    private final String flowSlug;
    private final OkHttpClient http;
    /** For the create only: a dropped connection must not silently re-send the POST (API-NOTES §0.9). */
    private final OkHttpClient createHttp;
    private volatile UUID flowPk;

    public AuthentikClient(AuthentikSettings settings, OkHttpClient base) {
        this.site = HttpUrl.get(settings.url().toString());
        this.api = site.newBuilder().addPathSegments("api/v3").build();
        this.flowSlug = settings.enrollmentFlow();
        String bearer = "Bearer " + settings.token().reveal();
        this.http = base.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .writeTimeout(Duration.ofSeconds(10))
                .callTimeout(Duration.ofSeconds(30))
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", bearer)
                        .header("Accept", "application/json")
                        .build()))
                .build();
        this.createHttp = http.newBuilder().retryOnConnectionFailure(false).build();
    }

    /** The username the token belongs to: the cheap token check used at startup. */
    public String tokenOwner() {
        JsonNode me = get(api.newBuilder().addPathSegments("core/users/me/").build(), "check the API token");
        return me.path("user").path("username").asText();
    }

    @Override
    public Optional<AuthentikUser> userByUsername(String username) {
        return firstUser(users().addQueryParameter("username", username).build(), "look up user " + username);
    }

    @Override
    public Optional<AuthentikUser> userByAttribute(String name, String value) {
        ObjectNode filter = json.createObjectNode().put(name, value);
        return firstUser(users().addQueryParameter("attributes", filter.toString()).build(),
                "look up the user whose " + name + " is " + value);
    }

    @Override
    public List<Invitation> invitationsNamedLike(String fragment) {
        // search also matches creator and flow slug; only names count here
        return listInvitations(Optional.of(fragment)).stream().filter(invitation -> invitation.name().contains(fragment)).toList();
    }

    @Override
    public List<Invitation> invitations() {
        return listInvitations(Optional.empty());
    }

    private List<Invitation> listInvitations(Optional<String> search) {
        List<Invitation> found = new ArrayList<>();
        int page = 1;
        while (page != 0) {
            HttpUrl.Builder url = api.newBuilder().addPathSegments("stages/invitation/invitations/")
                    .addQueryParameter("page", Integer.toString(page))
                    .addQueryParameter("page_size", Integer.toString(PAGE_SIZE));
            search.ifPresent(text -> url.addQueryParameter("search", text));
            JsonNode answer = get(url.build(), "list invitations");
            answer.path("results").forEach(node -> found.add(invitation(node)));
            // next is a page number, 0 on the last page (API-NOTES §6)
            page = answer.path("pagination").path("next").asInt(0);
        }
        return found;
    }

    @Override
    public Invitation create(NewInvitation invitation) {
        ObjectNode fixedData = json.createObjectNode();
        invitation.email().ifPresent(email -> fixedData.put("email", email));
        invitation.displayName().ifPresent(name -> fixedData.put("name", name));
        fixedData.set("attributes", json.valueToTree(invitation.attributes()));
        ObjectNode body = json.createObjectNode()
                .put("name", invitation.name())
                // always send expires: Authentik's cleanup deletes invitations without it (API-NOTES §0.5)
                .put("expires", DateTimeFormatter.ISO_INSTANT.format(invitation.expires()))
                .put("single_use", invitation.singleUse())
                .put("flow", flowPk().toString());
        body.set("fixed_data", fixedData);
        Request request = new Request.Builder()
                .url(api.newBuilder().addPathSegments("stages/invitation/invitations/").build())
                .post(RequestBody.create(body.toString(), JSON_TYPE))
                .build();
        return invitation(execute(createHttp, request, "create the invitation"));
    }

    @Override
    public EventPage events(List<String> actions, int page, int pageSize) {
        HttpUrl.Builder url = api.newBuilder().addPathSegments("events/events/")
                .addQueryParameter("ordering", "-created")
                .addQueryParameter("page", Integer.toString(page))
                .addQueryParameter("page_size", Integer.toString(Math.min(pageSize, PAGE_SIZE)));
        actions.forEach(action -> url.addQueryParameter("actions", action));
        JsonNode answer = get(url.build(), "read the event log");
        List<AuthentikEvent> events = new ArrayList<>();
        for (JsonNode node : answer.path("results")) {
            JsonNode user = node.path("user");
            events.add(new AuthentikEvent(
                    UUID.fromString(node.path("pk").asText()),
                    node.path("action").asText(),
                    node.path("context").isObject() ? json.convertValue(node.get("context"), MAP) : Map.of(),
                    user.path("is_anonymous").asBoolean(false) || !user.hasNonNull("username")
                            ? Optional.empty() : Optional.of(user.get("username").asText()),
                    Instant.parse(node.path("created").asText())));
        }
        return new EventPage(events, answer.path("pagination").path("next").asInt(0));
    }

    @Override
    public Optional<UUID> groupNamed(String name) {
        JsonNode results = get(api.newBuilder().addPathSegments("core/groups/")
                .addQueryParameter("name", name)
                .addQueryParameter("include_users", "false")
                .build(), "look up group " + name).path("results");
        return results.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(results.get(0).path("pk").asText()));
    }

    @Override
    public void addUserToGroup(UUID group, int userPk) {
        ObjectNode body = json.createObjectNode().put("pk", userPk);
        execute(http, new Request.Builder()
                .url(api.newBuilder().addPathSegments("core/groups/" + group + "/add_user/").build())
                .post(RequestBody.create(body.toString(), JSON_TYPE))
                .build(), "add user " + userPk + " to group " + group);
    }

    @Override
    public void delete(UUID pk) {
        Request request = new Request.Builder()
                .url(api.newBuilder().addPathSegments("stages/invitation/invitations/" + pk + "/").build())
                .delete()
                .build();
        try {
            execute(http, request, "delete invitation " + pk);
        } catch (AuthentikException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }

    @Override
    public URI enrollmentLink(Invitation invitation) {
        return site.newBuilder()
                .addPathSegments("if/flow/" + flowSlug + "/")
                .addQueryParameter("itoken", invitation.pk().toString())
                .build()
                .uri();
    }

    /** The enrollment flow's UUID, looked up by slug once: invitations reference flows by pk (API-NOTES §2). */
    public UUID flowPk() {
        UUID pk = flowPk;
        if (pk == null) {
            JsonNode flow = get(api.newBuilder().addPathSegments("flows/instances/" + flowSlug + "/").build(),
                    "find the enrollment flow \"" + flowSlug + "\"");
            pk = UUID.fromString(flow.path("pk").asText());
            flowPk = pk;
        }
        return pk;
    }

    /** The model names of the enrollment flow's stages, in binding order (for {@code invitebot check}). */
    public List<String> flowStages() {
        JsonNode bindings = get(api.newBuilder().addPathSegments("flows/bindings/")
                .addQueryParameter("target", flowPk().toString())
                .addQueryParameter("ordering", "order")
                .build(), "list the stages of the enrollment flow");
        List<String> stages = new ArrayList<>();
        bindings.path("results").forEach(binding -> stages.add(binding.path("stage_obj").path("meta_model_name").asText()));
        return stages;
    }

    /**
     * Reads the first item of a list, to learn whether the token may (for {@code invitebot check}).
     *
     * @param path e.g. {@code events/events/}
     * @throws AuthentikException when it may not, or Authentik fails
     */
    public void probeList(String path, String doing) {
        get(api.newBuilder().addPathSegments(path).addQueryParameter("page_size", "1").build(), doing);
    }

    private HttpUrl.Builder users() {
        return api.newBuilder().addPathSegments("core/users/").addQueryParameter("include_groups", "true");
    }

    private Optional<AuthentikUser> firstUser(HttpUrl url, String doing) {
        JsonNode results = get(url, doing).path("results");
        if (results.isEmpty()) {
            return Optional.empty();
        }
        JsonNode user = results.get(0);
        Set<String> groups = new HashSet<>();
        user.path("groups_obj").forEach(group -> groups.add(group.path("name").asText()));
        return Optional.of(new AuthentikUser(
                user.path("pk").asInt(),
                user.path("username").asText(),
                user.path("name").asText(),
                user.path("is_active").asBoolean(false),
                groups));
    }

    private Invitation invitation(JsonNode node) {
        JsonNode fixedData = node.path("fixed_data");
        Map<String, Object> attributes = fixedData.path("attributes").isObject()
                ? json.convertValue(fixedData.get("attributes"), MAP)
                : Map.of();
        return new Invitation(
                UUID.fromString(node.path("pk").asText()),
                node.path("name").asText(),
                node.hasNonNull("expires") ? Instant.parse(node.get("expires").asText()) : null,
                node.path("single_use").asBoolean(false),
                text(fixedData, "email"),
                text(fixedData, "name"),
                new LinkedHashMap<>(attributes),
                node.path("created_by").path("username").asText(""));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private JsonNode get(HttpUrl url, String doing) {
        return execute(http, new Request.Builder().url(url).get().build(), doing);
    }

    private JsonNode execute(OkHttpClient client, Request request, String doing) {
        try (Response response = client.newCall(request).execute()) {
            String body = response.body().string();
            if (!response.isSuccessful()) {
                throw AuthentikErrors.fromStatus(response.code(), body, doing);
            }
            return body.isEmpty() ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            throw AuthentikErrors.unreachable(site.host(), e);
        }
    }
}
