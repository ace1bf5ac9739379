package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.testbed.authentik.StoredInvitation;
import org.invitebot.testbed.matrix.RoomEvent;

/** {@code !invite} and {@code !help} typed in Matrix, answered by the whole bot against the stand-ins. */
class InviteCommandTest {

    private static final String MONTH = YearMonth.now(ZoneOffset.UTC).toString();

    @TempDir
    Path state;
    private RunningBot bot;
    private String admins;
    private String lobby;

    @BeforeEach
    void start() throws Exception {
        bot = RunningBot.start(state);
        admins = bot.world().adminsRoom();
        lobby = bot.world().lobbyRoom();
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void emailInviteCreatesOneInvitationThatAuthentikMails() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@example.com 7d media-users");
        String reply = bot.replyTo(admins, command).orElseThrow().content().path("body").asText();

        assertThat(bot.authentik().invitations()).hasSize(1);
        StoredInvitation invitation = bot.authentik().invitations().get(0);
        assertThat(invitation.name()).isEqualTo("jane-" + MONTH);
        assertThat(invitation.singleUse()).isTrue();
        assertThat(invitation.createdBy()).isEqualTo("invitebot");
        assertThat(invitation.expires()).isBetween(before.plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(7)));
        assertThat(invitation.fixedData()).containsEntry("email", "jane@example.com");
        assertThat(invitation.fixedData().get("attributes")).isEqualTo(Map.of(
                "invitebot_invitation", "jane-" + MONTH,
                "invitebot_command", command,
                "invited_by", DemoWorld.ADMIN,
                "requested_groups", List.of("media-users"),
                "invitebot_delivery", "email"));
        assertThat(reply)
                .contains("jane-" + MONTH, "j***@example.com", "media-users", "UTC", "in 7 days")
                .doesNotContain("itoken", "jane@example.com");
    }

    @Test
    void linkInviteInPrivateRoomPostsTheLinkThere() {
        String reply = bot.ask(admins, DemoWorld.ADMIN, "!invite \"Jane Smith\" 48h ai-users cloud-users");

        StoredInvitation invitation = onlyInvitation();
        assertThat(invitation.name()).isEqualTo("jane-smith-" + MONTH);
        assertThat(invitation.fixedData()).containsEntry("name", "Jane Smith").doesNotContainKey("email");
        assertThat(invitation.expires()).isBetween(Instant.now().plus(Duration.ofHours(47)), Instant.now().plus(Duration.ofHours(48)));
        assertThat(reply).contains(bot.authentik().baseUrl() + "/if/flow/invitation-enrollment/?itoken=" + invitation.pk())
                .contains("ai-users, cloud-users", "single use");
    }

    @Test
    void linkAskedForInSharedRoomGoesToADirectMessage() {
        String reply = bot.ask(lobby, DemoWorld.ADMIN, "!invite \"Jane Smith\"");

        StoredInvitation invitation = onlyInvitation();
        assertThat(reply).contains("jane-smith-" + MONTH, "direct message").doesNotContain("itoken", "http");
        List<String> dms = bot.homeserver().directRoomsOf(DemoWorld.BOT).get(DemoWorld.ADMIN);
        assertThat(dms).hasSize(1);
        // the link is a credential: the DM is encrypted from its first event, so the homeserver never holds it readable
        assertThat(bot.homeserver().timeline(dms.get(0))).anySatisfy(event -> assertThat(event.type()).isEqualTo("m.room.encryption"));
        String firstLink = bot.homeserver().awaitEvent(dms.get(0), event -> event.type().equals("m.room.encrypted")
                && event.sender().equals(DemoWorld.BOT), RunningBot.REPLY_WAIT).orElseThrow().eventId();
        assertThat(bot.homeserver().timeline(dms.get(0))).noneSatisfy(event ->
                assertThat(event.content().toString()).contains(invitation.pk().toString()));

        bot.ask(lobby, DemoWorld.ADMIN, "!invite \"John Doe\"");
        assertThat(bot.homeserver().directRoomsOf(DemoWorld.BOT).get(DemoWorld.ADMIN))
                .as("the direct-message room is reused").isEqualTo(dms);
        assertThat(bot.homeserver().awaitEvent(dms.get(0), event -> event.type().equals("m.room.encrypted")
                && !event.eventId().equals(firstLink), RunningBot.REPLY_WAIT)).as("the second link, encrypted").isPresent();
    }

    @Test
    void sameNameTwiceGetsASuffix() {
        bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.com");
        String second = bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.org");

        assertThat(bot.authentik().invitations()).extracting(StoredInvitation::name)
                .containsExactly("jane-" + MONTH, "jane-" + MONTH + "-2");
        assertThat(second).contains("jane-" + MONTH + "-2");
    }

    @Test
    void nonAdminIsToldNoAndNothingIsCreated() {
        String reply = bot.ask(admins, DemoWorld.BOB, "!invite jane@example.com");

        assertThat(reply).contains("not authorised");
        assertThat(bot.authentik().invitations()).isEmpty();
    }

    @Test
    void sameLocalpartOnAnUntrustedServerIsNotTheAdmin() {
        bot.authentik().addUser("alice", "Alice Admin", "alice@example.org", true, "authentik Admins");
        bot.homeserver().joinFromOtherServer(admins, DemoWorld.ADMIN, "@alice:evil.example");

        String reply = bot.ask(admins, "@alice:evil.example", "!invite jane@example.com");

        assertThat(reply).contains("not authorised");
        assertThat(bot.authentik().invitations()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "!invite jane@example.com never           | never",
        "!invite jane@example.com 5m              | minimum 10m",
        "!invite jane@example.com 90d             | maximum 30d",
        "!invite jane@example.com abc             | abc",
        "!invite jane@example.com 7d admins       | admins",
        "!invite jane@example.com 7d 'authentik Admins' | authentik Admins",
        "!invite jane@example.com --frobnicate    | --frobnicate",
        "!invite                                  | !invite",
        "!invite \"Jane\" --multi                 | 48h",
    })
    void badRequestsAreRefusedWithTheReasonAndCreateNothing(String command, String mentioned) {
        String reply = bot.ask(admins, DemoWorld.ADMIN, command.replace('\'', '"'));

        assertThat(reply).contains(mentioned);
        assertThat(bot.authentik().invitations()).isEmpty();
        assertThat(bot.authentik().countRequests("POST", "/api/v3/stages/invitation/invitations/")).isZero();
    }

    @Test
    void unknownCommandPointsToHelp() {
        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!frobnicate")).contains("unknown command", "!help");
    }

    @Test
    void helpListsTheCommandsAndExplainsInvite() {
        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!help")).contains("!invite", "!help");
        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!help invite"))
                .contains("!invite jane@example.com 7d media-users", "!invite \"Jane Smith\" 48h");
    }

    @Test
    void repliesAreNoticesThatMentionNobody() {
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite \"@room Jane\"");
        RoomEvent reply = bot.replyTo(admins, command).orElseThrow();

        assertThat(reply.content().path("msgtype").asText()).isEqualTo("m.notice");
        assertThat(reply.content().path("m.mentions").isObject()).isTrue();
        assertThat(reply.content().path("m.mentions").size()).isZero();
    }

    @Test
    void ordinaryChatAndTheBotsOwnMessagesAreIgnored() throws InterruptedException {
        bot.homeserver().sendText(admins, DemoWorld.ADMIN, "good morning, who is on call?");
        bot.homeserver().sendText(admins, DemoWorld.BOT, "!invite loop@example.com");
        String reply = bot.ask(admins, DemoWorld.ADMIN, "!help");

        assertThat(reply).contains("!invite");
        assertThat(bot.botMessages(admins)).filteredOn(event -> event.content().has("m.relates_to")).hasSize(1);
        assertThat(bot.authentik().invitations()).isEmpty();
    }

    @Test
    void markupInANameIsNeverSentAsHtml() {
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite \"<b>Jane</b> <script>x</script>\"");
        RoomEvent reply = bot.replyTo(admins, command).orElseThrow();

        String html = reply.content().path("formatted_body").asText();
        assertThat(reply.content().path("format").asText()).isEqualTo("org.matrix.custom.html");
        assertThat(html).contains("&lt;b&gt;Jane&lt;/b&gt; &lt;script&gt;").doesNotContain("<b>", "<script>");
        assertThat(onlyInvitation().name()).matches("[a-z0-9-]+");
    }

    private StoredInvitation onlyInvitation() {
        assertThat(bot.authentik().invitations()).hasSize(1);
        return bot.authentik().invitations().get(0);
    }

    private static String body(RoomEvent event) {
        return event.content().path("body").asText();
    }
}
