package org.invitebot.testbed.authentik;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in answers as Authentik does, over real HTTP. */
class FakeAuthentikTest {

    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "test-token-of-the-bot";
    private static final String INVITATIONS = "stages/invitation/invitations/";

    private FakeAuthentik authentik;
    private UUID flow;

    private record Answer(int status, JsonNode body) {
    }

    @BeforeEach
    void start() {
        authentik = FakeAuthentik.start();
        flow = authentik.addFlow("invitation-enrollment", "enrollment");
        authentik.addGroup("authentik Admins");
        authentik.addGroup("media-users");
        authentik.addUser("invitebot", "invitebot", "bot@example.org", true);
        authentik.addToken(TOKEN, "invitebot");
        authentik.addUser("alice", "Alice", "alice@example.org", true, "authentik Admins");
        authentik.addUser("gone", "Gone", "gone@example.org", false);
        authentik.addToken("token-of-inactive-user", "gone");
    }

    @AfterEach
    void stop() {
        authentik.close();
    }

    @Test
    void aBadMissingOrInactiveTokenIs403NotA401() {
        assertThat(call("core/users/me/", "GET", null, "wrong").status()).isEqualTo(403);
        assertThat(call("core/users/me/", "GET", null, null).status()).isEqualTo(403);
        Answer inactive = call("core/users/me/", "GET", null, "token-of-inactive-user");
        assertThat(inactive.status()).isEqualTo(403);
        assertThat(inactive.body().path("detail").asText()).isEqualTo("Token invalid/expired");
    }

    @Test
    void meIsWrapped() {
        Answer me = get("core/users/me/");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("user").path("username").asText()).isEqualTo("invitebot");
    }

    @Test
    void usersByUsernameAndByAttributeCarryTheirGroups() {
        authentik.setUserAttribute("alice", "matrix_id", "@alice:example.org");

        JsonNode byName = get("core/users/?username=alice&include_groups=true").body();
        JsonNode byAttribute = get("core/users/?attributes=" + encode("{\"matrix_id\":\"@alice:example.org\"}")).body();

        assertThat(byName.path("results")).hasSize(1);
        assertThat(byName.path("results").get(0).path("groups_obj").get(0).path("name").asText()).isEqualTo("authentik Admins");
        assertThat(byName.path("results").get(0).path("is_superuser").asBoolean()).isTrue();
        assertThat(byAttribute.path("results").get(0).path("username").asText()).isEqualTo("alice");
        assertThat(get("core/users/?attributes=" + encode("not json")).status()).isEqualTo(400);
        authentik.assertNoContractViolations();
    }

    @Test
    void createInvitationAsTheTokensUser() {
        Answer created = post(INVITATIONS, "{\"name\":\"jane-2026-11\",\"expires\":\"2026-12-02T10:00:00Z\","
                + "\"single_use\":true,\"flow\":\"" + flow + "\",\"fixed_data\":{\"email\":\"jane@example.com\"}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("created_by").path("username").asText()).isEqualTo("invitebot");
        assertThat(created.body().path("flow_obj").path("slug").asText()).isEqualTo("invitation-enrollment");
        assertThat(created.body().path("expires").asText()).isEqualTo("2026-12-02T10:00:00Z");
        StoredInvitation stored = authentik.invitations().get(0);
        assertThat(stored.fixedData()).isEqualTo(Map.of("email", "jane@example.com"));
        assertThat(stored.flow()).isEqualTo(flow);
        assertThat(authentik.events()).extracting(StoredEvent::action).containsExactly("model_created");
        authentik.assertNoContractViolations();
    }

    @Test
    void invalidCreatesAre400WithTheFieldAndCreateNothing() {
        Answer badName = post(INVITATIONS, "{\"name\":\"Jane Smith\",\"flow\":\"" + flow + "\"}");
        Answer badFlow = post(INVITATIONS, "{\"name\":\"jane\",\"flow\":\"" + UUID.randomUUID() + "\"}");
        Answer badData = post(INVITATIONS, "{\"name\":\"jane\",\"fixed_data\":[1]}");

        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().path("name").get(0).asText()).contains("slug");
        assertThat(badFlow.body().path("flow").get(0).asText()).contains("object does not exist");
        assertThat(badData.body().has("fixed_data")).isTrue();
        assertThat(authentik.invitations()).isEmpty();
    }

    @Test
    void pagesAreNumberedAndCappedAt100() {
        for (int i = 0; i < 250; i++) {
            authentik.addInvitation("seed-" + i, Instant.parse("2027-01-01T00:00:00Z").plusSeconds(i), true, Map.of(), "invitebot");
        }

        JsonNode first = get(INVITATIONS + "?page=1&page_size=500").body();
        JsonNode third = get(INVITATIONS + "?page=3&page_size=100").body();

        assertThat(first.path("results")).hasSize(100);
        assertThat(first.path("pagination").path("next").asInt()).isEqualTo(2);
        assertThat(first.path("pagination").path("previous").asInt()).isZero();
        assertThat(first.path("pagination").path("count").asInt()).isEqualTo(250);
        assertThat(first.path("results").get(0).path("name").asText()).as("newest expiry first").isEqualTo("seed-249");
        assertThat(third.path("results")).hasSize(50);
        assertThat(third.path("pagination").path("next").asInt()).isZero();
        assertThat(get(INVITATIONS + "?page=4&page_size=100").status()).isEqualTo(404);
        assertThat(get(INVITATIONS + "?search=seed-24").body().path("pagination").path("count").asInt()).isEqualTo(11);
    }

    @Test
    void deleteThenGone() {
        StoredInvitation invitation = authentik.addInvitation("jane", Instant.now().plusSeconds(60), true, Map.of(), "invitebot");

        assertThat(call(INVITATIONS + invitation.pk() + "/", "DELETE", null, TOKEN).status()).isEqualTo(204);
        assertThat(get(INVITATIONS + invitation.pk() + "/").status()).isEqualTo(404);
        assertThat(authentik.events()).extracting(StoredEvent::action).containsExactly("model_created", "model_deleted");
    }

    @Test
    void addUserToGroup() {
        int jane = authentik.addUser("jane", "Jane", "jane@example.com", true);
        UUID media = UUID.fromString(get("core/groups/?name=media-users&include_users=false").body()
                .path("results").get(0).path("pk").asText());

        assertThat(post("core/groups/" + media + "/add_user/", "{\"pk\":" + jane + "}").status()).isEqualTo(204);
        assertThat(post("core/groups/" + UUID.randomUUID() + "/add_user/", "{\"pk\":" + jane + "}").status()).isEqualTo(404);
        assertThat(authentik.groupsOf("jane")).containsExactly("media-users");
        authentik.assertNoContractViolations();
    }

    @Test
    void faultsAndLatency() {
        authentik.failNextRequests(2, 503);
        assertThat(get("core/users/me/").status()).isEqualTo(503);
        assertThat(get("core/users/me/").status()).isEqualTo(503);
        assertThat(get("core/users/me/").status()).isEqualTo(200);

        authentik.setAvailable(false);
        assertThat(get("core/users/me/").status()).isEqualTo(502);
        authentik.setAvailable(true);

        authentik.setLatency(Duration.ofMillis(200));
        long start = System.nanoTime();
        get("core/users/me/");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void misspelledFieldsAndParametersAreContractViolations() {
        post(INVITATIONS, "{\"name\":\"jane\",\"singleuse\":true}");
        get("core/users/?usernme=alice");
        get("core/nothing-here/");

        assertThat(authentik.contractViolations()).extracting(ContractViolation::problem)
                .anySatisfy(problem -> assertThat(problem).contains("singleuse"))
                .anySatisfy(problem -> assertThat(problem).contains("usernme"))
                .anySatisfy(problem -> assertThat(problem).contains("/core/nothing-here/"));
    }

    @Test
    void eventsNewestFirstAndFilteredByAction() {
        authentik.recordEvent("login", Map.of(), "alice");
        authentik.recordEvent("user_write", Map.of("created", true), "alice");

        JsonNode events = get("events/events/?ordering=-created&actions=user_write&actions=login").body();
        assertThat(events.path("results")).hasSize(2);
        assertThat(events.path("results").get(0).path("action").asText()).isEqualTo("user_write");
        assertThat(get("events/events/?action=write").body().path("results")).hasSize(1);
        authentik.assertNoContractViolations();
    }

    private Answer get(String path) {
        return call(path, "GET", null, TOKEN);
    }

    private Answer post(String path, String json) {
        return call(path, "POST", json, TOKEN);
    }

    private Answer call(String path, String method, String json, String token) {
        Request.Builder request = new Request.Builder()
                .url(HttpUrl.get(authentik.baseUrl() + "/api/v3/" + path))
                .method(method, json == null ? null : RequestBody.create(json, MediaType.get("application/json")));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = HTTP.newCall(request.build()).execute()) {
            String body = response.body().string();
            JsonNode node;
            try {
                node = body.isEmpty() ? JSON.missingNode() : JSON.readTree(body);
            } catch (IOException notJson) {
                node = JSON.missingNode();
            }
            return new Answer(response.code(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return HttpUrl.get("http://x/").newBuilder().addQueryParameter("q", value).build().encodedQuery().substring(2);
    }
}
