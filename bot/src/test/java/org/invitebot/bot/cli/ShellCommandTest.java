package org.invitebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.InvitebotApp;
import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.testbed.authentik.ReceivedRequest;
import org.invitebot.testbed.authentik.StoredInvitation;

/** {@code invitebot invite | invites | revoke}: the chat grammar and policy from a shell. */
class ShellCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private DemoWorld world;
    private Path config;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() throws Exception {
        world = DemoWorld.start(dir.resolve("invitebot.db"));
        config = dir.resolve("invitebot.yaml");
        Files.writeString(config, world.configYaml());
    }

    @AfterEach
    void stop() {
        world.authentik().assertNoContractViolations();
        world.close();
    }

    @Test
    void inviteCreatesWhatTheChatCommandCreates() throws Exception {
        try (InvitebotApp app = InvitebotApp.start(world.config(), Clock.systemUTC())) {
            String command = world.homeserver().sendText(world.adminsRoom(), DemoWorld.ADMIN,
                    "!invite \"Jane Smith\" 48h ai-users --multi");
            assertThat(world.homeserver().awaitMessage(world.adminsRoom(), event -> command.equals(
                    event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()),
                    Duration.ofSeconds(10))).isTrue();
        }

        int exit = run("invite", "Jane Smith", "48h", "ai-users", "--multi", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode printed = JSON.readTree(out.toString());
        assertThat(printed.path("outcome").asText()).isEqualTo("created");
        assertThat(printed.path("link").asText()).endsWith("?itoken=" + printed.path("invitation").path("pk").asText());
        assertThat(world.authentik().invitations()).extracting(StoredInvitation::name)
                .containsExactly("jane-smith-" + month(), "jane-smith-" + month() + "-2");
        ObjectNode fromChat = createBody(0);
        ObjectNode fromShell = createBody(1);
        assertThat(fromShell).isEqualTo(fromChat);
    }

    @Test
    void aRefusalIsExitCodeThreeAndCreatesNothing() {
        int exit = run("invite", "jane@example.com", "never");

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).contains("Refused", "never");
        assertThat(world.authentik().invitations()).isEmpty();
    }

    @Test
    void malformedInputIsRefusedBeforeAuthentikIsAsked() {
        int exit = run("invite", "jane@example.com", "--frobnicate");

        assertThat(exit).isEqualTo(3);
        assertThat(out.toString()).contains("--frobnicate");
        assertThat(world.authentik().requests()).isEmpty();
    }

    @Test
    void invitesAndRevoke() throws Exception {
        run("invite", "jane@example.com", "7d", "media-users");
        String name = world.authentik().invitations().get(0).name();

        assertThat(run("invites", "jane", "--json")).isZero();
        JsonNode listed = JSON.readTree(out.toString());
        assertThat(listed.path("count").asInt()).isEqualTo(1);
        assertThat(listed.path("invitations").get(0).path("requested_groups").get(0).asText()).isEqualTo("media-users");

        assertThat(run("revoke", name)).isZero();
        assertThat(out.toString()).contains("Revoked " + name);
        assertThat(world.authentik().invitations()).isEmpty();
        assertThat(run("revoke", name)).isEqualTo(3);
    }

    @Test
    void requestsAreListedApprovedAndDeniedFromTheShellAndTheRunningBotTellsTheRequesters() throws Exception {
        try (InvitebotApp app = InvitebotApp.start(world.config(), Clock.systemUTC())) {
            String lobby = world.lobbyRoom();
            String jane = ask(lobby, DemoWorld.BOB, "!request jane@example.com media-users --reason \"my sister\"");
            String joe = ask(lobby, DemoWorld.BOB, "!request joe@example.com");

            assertThat(run("requests", "--json")).isZero();
            JsonNode listed = JSON.readTree(out.toString());
            assertThat(listed.path("count").asInt()).isEqualTo(2);
            assertThat(listed.path("requests").get(0).path("requester").asText()).isEqualTo(DemoWorld.BOB);
            assertThat(listed.path("requests").get(0).path("reason").asText()).isEqualTo("my sister");
            long janeId = listed.path("requests").get(0).path("id").asLong();
            long joeId = listed.path("requests").get(1).path("id").asLong();

            assertThat(run("approve", String.valueOf(janeId), "--json")).as(err.toString()).isZero();
            JsonNode approved = JSON.readTree(out.toString());
            assertThat(approved.path("outcome").asText()).isEqualTo("approved");
            assertThat(approved.path("request").path("decided_by").asText()).startsWith("shell (as invitebot)");
            assertThat(run("deny", String.valueOf(joeId), "not", "this time")).isZero();
            assertThat(out.toString()).contains("Denied request #" + joeId);
            assertThat(run("approve", String.valueOf(joeId))).as("already decided").isEqualTo(3);
            assertThat(out.toString()).contains("already denied by shell");

            assertThat(world.authentik().invitations()).singleElement().satisfies(invitation ->
                    assertThat(invitation.fixedData()).containsEntry("email", "jane@example.com"));
            assertThat(world.homeserver().awaitMessage(lobby, event -> replyTo(event).equals(jane)
                    && event.content().path("body").asText().contains("was approved by shell"), Duration.ofSeconds(15))).isTrue();
            world.authentik().enroll(world.authentik().invitations().get(0).pk(), "jane", "Jane Smith", "jane@example.com");
            assertThat(world.homeserver().awaitMessage(lobby, event -> replyTo(event).equals(jane)
                    && event.content().path("body").asText().contains("Jane Smith (jane) enrolled"), Duration.ofSeconds(15)))
                    .as("the member hears of the enrollment though the approval had no thread").isTrue();
            assertThat(world.homeserver().awaitMessage(lobby, event -> replyTo(event).equals(joe)
                    && event.content().path("body").asText().contains("denied by shell (as invitebot): \u201cnot this time\u201d"),
                    Duration.ofSeconds(15))).isTrue();
        }
    }

    private String ask(String room, String sender, String text) {
        String command = world.homeserver().sendText(room, sender, text);
        assertThat(world.homeserver().awaitMessage(room, event -> replyTo(event).equals(command), Duration.ofSeconds(10))).isTrue();
        return command;
    }

    private static String replyTo(org.invitebot.testbed.matrix.RoomEvent event) {
        return event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText();
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] withConfig = new String[args.length + 1];
        withConfig[0] = args[0];
        withConfig[1] = "--config=" + config;
        System.arraycopy(args, 1, withConfig, 2, args.length - 1);
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), withConfig);
    }

    /** The n-th create request's body without what must differ: the name's suffix, the times, who asked. */
    private ObjectNode createBody(int n) throws Exception {
        ReceivedRequest request = world.authentik().requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/v3/stages/invitation/invitations/"))
                .skip(n).findFirst().orElseThrow();
        ObjectNode body = (ObjectNode) JSON.readTree(request.body());
        body.put("name", body.path("name").asText().replaceFirst("-2$", ""));
        body.remove("expires");
        ObjectNode attributes = (ObjectNode) body.path("fixed_data").path("attributes");
        attributes.put("invitebot_invitation", attributes.path("invitebot_invitation").asText().replaceFirst("-2$", ""));
        attributes.remove("invitebot_command");
        attributes.remove("invited_by");
        return body;
    }

    private static String month() {
        return YearMonth.now(ZoneOffset.UTC).toString();
    }
}
