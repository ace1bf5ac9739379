package org.invitebot.testbed.authentik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.invitebot.testbed.authentik.AuthentikHttp.encode;
import static org.invitebot.testbed.authentik.ResponseSchemas.assertFitsSchema;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in as a client sees it, over real HTTP. */
class FakeAuthentikTest {

    private static final String TOKEN = "test-token-of-the-bot";
    private static final String INVITATIONS = "stages/invitation/invitations/";
    private static final String SLUG_MESSAGE = "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.";

    private FakeAuthentik authentik;
    private AuthentikHttp bot;
    private UUID flow;

    @BeforeEach
    void start() {
        authentik = FakeAuthentik.start();
        flow = authentik.addFlow("invitation-enrollment", "enrollment");
        authentik.addGroup("authentik Admins");
        authentik.addGroup("media-users");
        authentik.addUser("invitebot", "invitebot", "bot@example.org", true);
        authentik.addToken(TOKEN, "invitebot");
        authentik.addUser("alice", "Alice", "Alice@example.org", true, "authentik Admins", "media-users");
        authentik.addUser("gone", "Gone", "gone@example.org", false);
        authentik.addToken("token-of-inactive-user", "gone");
        bot = AuthentikHttp.withToken(authentik, TOKEN);
    }

    @AfterEach
    void stop() {
        authentik.close();
    }

    @Test
    void aMissingUnknownOrInactiveTokenIs403NotA401() {
        AuthentikHttp.Answer missing = new AuthentikHttp(authentik, null).get("core/users/me/");
        AuthentikHttp.Answer unknown = AuthentikHttp.withToken(authentik, "wrong").get("core/users/me/");
        AuthentikHttp.Answer inactive = AuthentikHttp.withToken(authentik, "token-of-inactive-user").get("core/users/me/");
        AuthentikHttp.Answer basic = new AuthentikHttp(authentik, "Basic aW52aXRlYm90OnNlY3JldA==").get("core/users/me/");

        assertThat(List.of(missing, unknown, inactive, basic)).extracting(AuthentikHttp.Answer::status).containsOnly(403);
        assertThat(missing.detail()).isEqualTo("Authentication credentials were not provided.");
        assertThat(unknown.detail()).isEqualTo("Token invalid/expired");
        assertThat(inactive.detail()).isEqualTo("Token invalid/expired");
        assertThat(basic.detail()).isEqualTo("Unsupported authentication type");
        assertFitsSchema(unknown);
        authentik.assertNoContractViolations();
    }

    @Test
    void meIsTheTokensUserWrappedInUser() {
        authentik.addToken("alices-token", "alice");

        AuthentikHttp.Answer me = AuthentikHttp.withToken(authentik, "alices-token").get("core/users/me/");

        assertThat(me.status()).isEqualTo(200);
        JsonNode user = me.body().path("user");
        assertThat(user.path("username").asText()).isEqualTo("alice");
        assertThat(user.path("is_superuser").asBoolean()).isTrue();
        assertThat(user.path("groups").findValuesAsText("name")).containsExactly("authentik Admins", "media-users");
        assertFitsSchema(me);
    }

    @Test
    void usersAreFoundByUsernameAndByAttributeWithTheirGroups() {
        authentik.setUserAttribute("alice", "matrix_id", "@alice:example.org");
        authentik.setUserAttribute("alice", "invite", Map.of("count", 3));

        AuthentikHttp.Answer byName = bot.get("core/users/?username=alice&include_groups=true");
        AuthentikHttp.Answer byAttribute = bot.get("core/users/?attributes=" + encode("{\"matrix_id\":\"@alice:example.org\"}"));
        AuthentikHttp.Answer byNestedAttribute = bot.get("core/users/?attributes=" + encode("{\"invite__count\":3.0}"));
        AuthentikHttp.Answer slim = bot.get("core/users/?username=alice&include_groups=false");

        JsonNode alice = byName.body().path("results").get(0);
        assertThat(byName.body().path("results")).hasSize(1);
        assertThat(alice.path("groups_obj").findValuesAsText("name")).containsExactly("authentik Admins", "media-users");
        assertThat(alice.path("groups_obj").get(0).path("num_pk").asInt()).isEqualTo(1);
        assertThat(alice.path("is_superuser").asBoolean()).isTrue();
        assertThat(byAttribute.body().path("results").findValuesAsText("username")).containsExactly("alice");
        assertThat(byNestedAttribute.body().path("results").findValuesAsText("username")).containsExactly("alice");
        assertThat(slim.body().path("results").get(0).path("groups_obj").isNull()).isTrue();
        assertFitsSchema(byName);
        assertFitsSchema(slim);
        authentik.assertNoContractViolations();
    }

    @Test
    void emailFilterIsExactAndCaseSensitiveWhileSearchIgnoresCase() {
        assertThat(bot.get("core/users/?email=alice@example.org").body().path("results")).isEmpty();
        assertThat(bot.get("core/users/?email=Alice@example.org").body().path("results")).hasSize(1);
        assertThat(bot.get("core/users/?search=ALICE@EXAMPLE").body().path("results").findValuesAsText("username"))
                .containsExactly("alice");
        assertThat(bot.get("core/users/?is_active=false").body().path("results").findValuesAsText("username"))
                .containsExactly("gone");
        authentik.assertNoContractViolations();
    }

    @Test
    void anAttributesFilterThatIsNoJsonObjectIs400() {
        AuthentikHttp.Answer notJson = bot.get("core/users/?attributes=" + encode("not json"));
        AuthentikHttp.Answer notObject = bot.get("core/users/?attributes=" + encode("[1]"));

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get(0).asText()).isEqualTo("filter: failed to parse JSON");
        assertThat(notObject.status()).isEqualTo(400);
    }

    @Test
    void groupsEmbedTheirMembersUnlessIncludeUsersIsFalse() {
        AuthentikHttp.Answer full = bot.get("core/groups/?name=media-users");
        AuthentikHttp.Answer slim = bot.get("core/groups/?name=media-users&include_users=false");

        JsonNode group = full.body().path("results").get(0);
        assertThat(full.body().path("results")).hasSize(1);
        assertThat(group.path("users_obj").findValuesAsText("username")).containsExactly("alice");
        assertThat(group.path("is_superuser").asBoolean()).isFalse();
        assertThat(slim.body().path("results").get(0).path("users_obj").isNull()).isTrue();
        assertFitsSchema(full);
        assertFitsSchema(slim);
        authentik.assertNoContractViolations();
    }

    @Test
    void createdInvitationIsAnswered201AsTheTokensUser() {
        AuthentikHttp.Answer created = bot.post(INVITATIONS, "{\"name\":\"jane-2026-11\",\"expires\":\"2026-12-02T10:00:00Z\","
                + "\"single_use\":true,\"flow\":\"" + flow + "\",\"fixed_data\":{\"email\":\"jane@example.com\","
                + "\"attributes\":{\"invitebot_invitation\":\"jane-2026-11\"}}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("created_by").path("username").asText()).isEqualTo("invitebot");
        assertThat(created.body().path("flow_obj").path("slug").asText()).isEqualTo("invitation-enrollment");
        assertThat(created.body().path("expires").asText()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(created.body().path("single_use").asBoolean()).isTrue();
        StoredInvitation stored = authentik.invitations().get(0);
        assertThat(stored.pk().toString()).isEqualTo(created.body().path("pk").asText());
        assertThat(stored.fixedData()).containsEntry("email", "jane@example.com")
                .containsEntry("attributes", Map.of("invitebot_invitation", "jane-2026-11"));
        assertThat(stored.flow()).isEqualTo(flow);
        assertThat(stored.createdBy()).isEqualTo("invitebot");
        assertThat(authentik.invitation(stored.pk())).contains(stored);
        assertFitsSchema(created);
        assertFitsSchema(bot.get(INVITATIONS + stored.pk() + "/"));
        authentik.assertNoContractViolations();
    }

    @Test
    void expiresIsAnsweredInUtcWithMicrosecondsOnlyWhenThereAreAny() {
        AuthentikHttp.Answer offset = bot.post(INVITATIONS, "{\"name\":\"a\",\"expires\":\"2026-12-02T12:00:00+02:00\"}");
        AuthentikHttp.Answer fraction = bot.post(INVITATIONS, "{\"name\":\"b\",\"expires\":\"2026-12-02T10:00:00.1234567Z\"}");

        assertThat(offset.body().path("expires").asText()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(fraction.body().path("expires").asText()).isEqualTo("2026-12-02T10:00:00.123456Z");
        assertThat(authentik.invitations().get(1).expires()).isEqualTo(Instant.parse("2026-12-02T10:00:00.123456Z"));
    }

    @Test
    void invalidCreatesAre400WithDrfMessagesAndCreateNothing() {
        AuthentikHttp.Answer badName = bot.post(INVITATIONS, "{\"name\":\"Jane Smith\",\"flow\":\"" + flow + "\"}");
        AuthentikHttp.Answer unknownFlow = bot.post(INVITATIONS, "{\"name\":\"jane\",\"flow\":\"" + UUID.randomUUID() + "\"}");
        AuthentikHttp.Answer malformedFlow = bot.post(INVITATIONS, "{\"name\":\"jane\",\"flow\":\"invitation-enrollment\"}");
        AuthentikHttp.Answer several = bot.post(INVITATIONS, "{\"fixed_data\":[1],\"expires\":\"next week\",\"single_use\":\"maybe\"}");
        AuthentikHttp.Answer notJson = bot.post(INVITATIONS, "{\"name\":");

        assertThat(List.of(badName, unknownFlow, malformedFlow, several, notJson)).extracting(AuthentikHttp.Answer::status)
                .containsOnly(400);
        assertThat(badName.body().path("name").get(0).asText()).isEqualTo(SLUG_MESSAGE);
        UUID missing = UUID.fromString(unknownFlow.body().path("flow").get(0).asText().split("\"")[1]);
        assertThat(unknownFlow.body().path("flow").get(0).asText()).isEqualTo("Invalid pk \"" + missing + "\" - object does not exist.");
        assertThat(malformedFlow.body().path("flow").get(0).asText()).isEqualTo("“invitation-enrollment” is not a valid UUID.");
        assertThat(several.body().path("name").get(0).asText()).isEqualTo("This field is required.");
        assertThat(several.body().path("fixed_data").get(0).asText()).isEqualTo("Value must be a dictionary, and not have any duplicate keys.");
        assertThat(several.body().path("expires").get(0).asText()).startsWith("Datetime has wrong format.");
        assertThat(several.body().path("single_use").get(0).asText()).isEqualTo("Must be a valid boolean.");
        assertThat(notJson.detail()).startsWith("JSON parse error");
        assertFitsSchema(badName);
        assertThat(authentik.invitations()).isEmpty();
        assertThat(authentik.events()).isEmpty();
    }

    @Test
    void invitationNamesAreNotUnique() {
        bot.post(INVITATIONS, "{\"name\":\"jane\",\"expires\":\"2026-12-02T10:00:00Z\"}");
        bot.post(INVITATIONS, "{\"name\":\"jane\",\"expires\":\"2026-12-03T10:00:00Z\"}");

        assertThat(authentik.invitations()).extracting(StoredInvitation::name).containsExactly("jane", "jane");
        assertThat(bot.get(INVITATIONS + "?name=jane").body().path("pagination").path("count").asInt()).isEqualTo(2);
    }

    @Test
    void seeded250InvitationsComeInPagesOf100And100And50() {
        for (int i = 0; i < 250; i++) {
            authentik.addInvitation("seed-" + i, Instant.parse("2027-01-01T00:00:00Z").plusSeconds(i), true, Map.of(), "invitebot");
        }

        JsonNode first = bot.get(INVITATIONS + "?page=1&page_size=500").body();
        JsonNode second = bot.get(INVITATIONS + "?page=2&page_size=100").body();
        JsonNode third = bot.get(INVITATIONS + "?page=3&page_size=100").body();

        assertThat(List.of(first, second, third)).extracting(page -> page.path("results").size()).containsExactly(100, 100, 50);
        assertThat(List.of(first, second, third)).extracting(page -> page.path("pagination").path("next").asInt())
                .containsExactly(2, 3, 0);
        assertThat(List.of(first, second, third)).extracting(page -> page.path("pagination").path("previous").asInt())
                .containsExactly(0, 1, 2);
        assertThat(third.path("pagination").path("count").asInt()).isEqualTo(250);
        assertThat(third.path("pagination").path("total_pages").asInt()).isEqualTo(3);
        assertThat(third.path("pagination").path("start_index").asInt()).isEqualTo(201);
        assertThat(third.path("pagination").path("end_index").asInt()).isEqualTo(250);
        assertThat(first.path("results").get(0).path("name").asText()).as("latest expiry first").isEqualTo("seed-249");
        assertThat(bot.get(INVITATIONS).body().path("results")).as("20 by default").hasSize(20);
        assertThat(bot.get(INVITATIONS + "?ordering=name").body().path("results").get(0).path("name").asText()).isEqualTo("seed-0");
        assertThat(bot.get(INVITATIONS + "?search=SEED-24").body().path("pagination").path("count").asInt()).isEqualTo(11);
        AuthentikHttp.Answer pastTheEnd = bot.get(INVITATIONS + "?page=4&page_size=100");
        assertThat(pastTheEnd.status()).isEqualTo(404);
        assertThat(pastTheEnd.detail()).isEqualTo("Invalid page.");
        assertThat(bot.get(INVITATIONS + "?page=0").status()).isEqualTo(404);
        authentik.assertNoContractViolations();
    }

    @Test
    void invitationsAreFilteredByNameCreatorAndFlowAndIncludeExpiredOnes() {
        authentik.addUser("carol", "Carol", "carol@example.org", true);
        authentik.addInvitation("expired", Instant.parse("2020-01-01T00:00:00Z"), true, Map.of(), "carol");
        bot.post(INVITATIONS, "{\"name\":\"with-flow\",\"expires\":\"2030-01-01T00:00:00Z\",\"flow\":\"" + flow + "\"}");

        assertThat(names(bot.get(INVITATIONS).body())).containsExactly("with-flow", "expired");
        assertThat(names(bot.get(INVITATIONS + "?created_by__username=carol").body())).containsExactly("expired");
        assertThat(names(bot.get(INVITATIONS + "?flow__slug=invitation-enrollment").body())).containsExactly("with-flow");
        assertThat(names(bot.get(INVITATIONS + "?name=expired").body())).containsExactly("expired");
        authentik.assertNoContractViolations();
    }

    @Test
    void deletedInvitationIs204ThenNotFound() {
        StoredInvitation invitation = authentik.addInvitation("jane", Instant.now().plusSeconds(60), true, Map.of(), "invitebot");

        AuthentikHttp.Answer deleted = bot.delete(INVITATIONS + invitation.pk() + "/");
        AuthentikHttp.Answer gone = bot.get(INVITATIONS + invitation.pk() + "/");

        assertThat(deleted.status()).isEqualTo(204);
        assertFitsSchema(deleted);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.detail()).isEqualTo("No Invitation matches the given query.");
        assertThat(bot.delete(INVITATIONS + invitation.pk() + "/").status()).isEqualTo(404);
        assertThat(authentik.invitations()).isEmpty();
        assertThat(authentik.events()).extracting(StoredEvent::action).containsExactly("model_created", "model_deleted");
        authentik.assertNoContractViolations();
    }

    @Test
    void addUserAndRemoveUserChangeMembership() {
        int jane = authentik.addUser("jane", "Jane", "jane@example.com", true);
        String media = bot.get("core/groups/?name=media-users&include_users=false").body().path("results").get(0).path("pk").asText();

        AuthentikHttp.Answer added = bot.post("core/groups/" + media + "/add_user/", "{\"pk\":" + jane + "}");
        assertThat(authentik.groupsOf("jane")).containsExactly("media-users");
        AuthentikHttp.Answer removed = bot.post("core/groups/" + media + "/remove_user/", "{\"pk\":" + jane + "}");

        assertThat(added.status()).isEqualTo(204);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(authentik.groupsOf("jane")).isEmpty();
        assertThat(bot.post("core/groups/" + UUID.randomUUID() + "/add_user/", "{\"pk\":" + jane + "}").status()).isEqualTo(404);
        assertThat(bot.post("core/groups/" + media + "/add_user/", "{\"pk\":9999}").status()).isEqualTo(404);
        authentik.assertNoContractViolations();
    }

    @Test
    void flowsAreFoundBySlug() {
        AuthentikHttp.Answer found = bot.get("flows/instances/invitation-enrollment/");
        AuthentikHttp.Answer unknown = bot.get("flows/instances/no-such-flow/");

        assertThat(found.body().path("pk").asText()).isEqualTo(flow.toString());
        assertThat(found.body().path("designation").asText()).isEqualTo("enrollment");
        assertFitsSchema(found);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo("No Flow matches the given query.");
        authentik.assertNoContractViolations();
    }

    @Test
    void failedRequestsAreAnsweredWithTheStatusAndActOnNothing() {
        authentik.failNextRequests(2, 503);

        AuthentikHttp.Answer first = bot.post(INVITATIONS, "{\"name\":\"jane\"}");
        AuthentikHttp.Answer second = bot.post(INVITATIONS, "{\"name\":\"jane\"}");
        AuthentikHttp.Answer third = bot.post(INVITATIONS, "{\"name\":\"jane\"}");

        assertThat(List.of(first, second, third)).extracting(AuthentikHttp.Answer::status).containsExactly(503, 503, 201);
        assertThat(authentik.invitations()).hasSize(1);
        assertThat(authentik.countRequests("POST", "/api/v3/" + INVITATIONS)).isEqualTo(3);
    }

    @Test
    void unavailableIsTheProxys502AndUnreachableDropsTheConnection() {
        authentik.setAvailable(false);
        AuthentikHttp.Answer proxied = bot.get("core/users/me/");
        authentik.setAvailable(true);
        authentik.setReachable(false);
        assertThatThrownBy(() -> bot.get("core/users/me/")).isInstanceOf(UncheckedIOException.class);
        authentik.setReachable(true);

        assertThat(proxied.status()).isEqualTo(502);
        assertThat(bot.get("core/users/me/").status()).isEqualTo(200);
        assertThat(authentik.requests()).extracting(ReceivedRequest::status).containsExactly(502, 200);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        authentik.setLatency(Duration.ofMillis(200));

        long start = System.nanoTime();
        bot.get("core/users/me/");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void misspelledBodyFieldsAndQueryParametersAreContractViolations() {
        AuthentikHttp.Answer created = bot.post(INVITATIONS, "{\"name\":\"jane\",\"singleuse\":true}");
        bot.get("core/users/?usernme=alice");

        assertThat(created.status()).as("Authentik ignores the unknown field").isEqualTo(201);
        assertThat(authentik.invitations().get(0).singleUse()).isFalse();
        assertThat(authentik.contractViolations()).extracting(ContractViolation::problem)
                .anySatisfy(problem -> assertThat(problem).contains("\"singleuse\""))
                .anySatisfy(problem -> assertThat(problem).contains("usernme"))
                .hasSize(2);
        assertThatThrownBy(authentik::assertNoContractViolations).isInstanceOf(AssertionError.class).hasMessageContaining("singleuse");
    }

    @Test
    void wrongTypesAndPatternsAreContractViolations() {
        bot.post(INVITATIONS, "{\"name\":\"Jane Smith\",\"single_use\":\"yes\",\"flow\":\"x\"}");
        bot.get(INVITATIONS + "?page=two");
        bot.get(INVITATIONS + "not-a-uuid/");

        assertThat(authentik.contractViolations()).extracting(ContractViolation::problem)
                .anySatisfy(problem -> assertThat(problem).startsWith("body: /name"))
                .anySatisfy(problem -> assertThat(problem).startsWith("body: /single_use"))
                .anySatisfy(problem -> assertThat(problem).startsWith("body: /flow"))
                .anySatisfy(problem -> assertThat(problem).startsWith("query parameter page"))
                .anySatisfy(problem -> assertThat(problem).startsWith("path parameter invite_uuid"));
    }

    @Test
    void pathsAndOperationsOutsideTheSchemaOrTheStandInAreViolations() {
        AuthentikHttp.Answer unknownPath = bot.get("core/nothing-here/");
        AuthentikHttp.Answer wrongMethod = bot.call("PUT", "core/users/me/", "{}");
        AuthentikHttp.Answer unserved = bot.call("PATCH", INVITATIONS + UUID.randomUUID() + "/", "{\"single_use\":true}");
        AuthentikHttp.Answer unservedFilter = bot.get("core/users/?path=users");

        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.detail()).isEqualTo("Method \"PUT\" not allowed.");
        assertThat(unserved.status()).isEqualTo(501);
        assertThat(unservedFilter.status()).isEqualTo(200);
        assertThat(authentik.contractViolations()).extracting(ContractViolation::problem)
                .anySatisfy(problem -> assertThat(problem).contains("/api/v3/core/nothing-here/"))
                .anySatisfy(problem -> assertThat(problem).contains("[GET]"))
                .anySatisfy(problem -> assertThat(problem).contains("stages_invitation_invitations_partial_update"))
                .anySatisfy(problem -> assertThat(problem).contains("query parameter path"))
                .hasSize(4);
    }

    @Test
    void eventsAreNewestFirstWithModelCreatedAfterACreate() {
        authentik.recordEvent("login", Map.of(), "alice");
        authentik.recordEvent("user_write", Map.of("created", true), "alice");
        String pk = bot.post(INVITATIONS, "{\"name\":\"jane\",\"expires\":\"2030-01-01T00:00:00Z\"}").body().path("pk").asText();

        AuthentikHttp.Answer all = bot.get("events/events/");
        JsonNode chosen = bot.get("events/events/?actions=user_write&actions=login&ordering=created").body();
        JsonNode byModel = bot.get("events/events/?context_model_pk=" + pk).body();

        assertThat(all.body().path("results").findValuesAsText("action")).containsExactly("model_created", "user_write", "login");
        JsonNode created = all.body().path("results").get(0);
        assertThat(created.path("user").path("username").asText()).isEqualTo("invitebot");
        assertThat(created.path("context").path("model").path("pk").asText()).isEqualTo(pk.replace("-", ""));
        assertThat(created.path("context").path("model").path("model_name").asText()).isEqualTo("invitation");
        assertThat(created.path("context").path("model").path("name").asText()).isEqualTo("jane");
        assertThat(chosen.path("results").findValuesAsText("action")).containsExactly("login", "user_write");
        assertThat(bot.get("events/events/?action=WRITE").body().path("results").findValuesAsText("action")).containsExactly("user_write");
        assertThat(byModel.path("results")).hasSize(1);
        assertThat(authentik.events()).extracting(StoredEvent::action).containsExactly("login", "user_write", "model_created");
        assertFitsSchema(all);
        authentik.assertNoContractViolations();
    }

    @Test
    void concurrentCreatesAreAllKept() {
        List<CompletableFuture<Integer>> creates = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> creates.add(CompletableFuture.supplyAsync(
                () -> bot.post(INVITATIONS, "{\"name\":\"jane-" + i + "\",\"expires\":\"2030-01-01T00:00:00Z\"}").status())));

        assertThat(creates).extracting(CompletableFuture::join).containsOnly(201);
        assertThat(authentik.invitations()).hasSize(40);
        assertThat(authentik.events()).hasSize(40);
        assertThat(authentik.requests()).hasSize(40);
        authentik.assertNoContractViolations();
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("results").forEach(invitation -> names.add(invitation.path("name").asText()));
        return names;
    }

    @Test
    void anEnrollmentFlowListsItsStageBindingsInOrder() {
        AuthentikHttp.Answer bindings = bot.get("flows/bindings/?target=" + flow + "&ordering=order");

        assertThat(bindings.status()).isEqualTo(200);
        assertFitsSchema(bindings);
        assertThat(bindings.body().path("results").findValuesAsText("meta_model_name")).containsExactlyElementsOf(
                FakeAuthentik.INVITATION_ENROLLMENT);
        assertThat(bot.get("flows/bindings/?target=" + UUID.randomUUID()).body().path("results")).isEmpty();
    }

    @Test
    void aDeniedPermissionIsA403WithAuthentiksWords() {
        authentik.denyPermission("events_events_list");

        AuthentikHttp.Answer events = bot.get("events/events/");

        assertThat(events.status()).isEqualTo(403);
        assertThat(events.detail()).isEqualTo("You do not have permission to perform this action.");
        assertThat(bot.get("core/groups/").status()).isEqualTo(200);
    }
}
