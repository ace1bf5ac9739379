package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.testbed.authentik.StoredInvitation;
import org.invitebot.testbed.matrix.RoomEvent;

/** SPEC §4 through the stand-ins: the email, the enrollment, the groups, the notifications, the abandoned link. */
class FollowUpTest {

    private static final DemoWorld.Timing QUICK = new DemoWorld.Timing(Duration.ofSeconds(1), Duration.ofSeconds(3),
            Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(60));
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path state;
    private RunningBot bot;

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void emailDeliveredThenEnrolledIntoBothGroupsAndAnnouncedOnce() throws Exception {
        bot = RunningBot.start(state, QUICK);
        String admins = bot.world().adminsRoom();
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@example.com 7d media-users ai-users");
        assertThat(bot.replyTo(admins, command)).isPresent();
        StoredInvitation invitation = bot.authentik().invitations().get(0);

        bot.authentik().sendInvitationEmail(invitation.pk());
        assertThat(followUp(admins, command, "went out")).isTrue();

        bot.authentik().enroll(invitation.pk(), "jane", "Jane Smith", "jane@example.com");
        assertThat(followUp(admins, command, "enrolled")).isTrue();
        assertThat(bot.homeserver().awaitMessage(bot.world().onboardingRoom(), event -> body(event).contains(
                "Jane Smith (jane) enrolled via " + invitation.name() + ", invited by @admin:example.org; added to media-users, ai-users"),
                WAIT)).isTrue();
        assertThat(bot.authentik().groupsOf("jane")).containsExactlyInAnyOrder("media-users", "ai-users");
        assertThat(bot.authentik().countRequests("POST", "/api/v3/core/groups/")).isEqualTo(2);

        bot.restartBot();
        Thread.sleep(3_000);
        assertThat(bot.botMessages(bot.world().onboardingRoom())).hasSize(1);
        assertThat(repliesTo(admins, command)).hasSize(3);
        assertThat(bot.authentik().countRequests("POST", "/api/v3/core/groups/")).isEqualTo(2);
    }

    @Test
    void aFailedEmailGetsTheTroubleshootingSteps() throws Exception {
        bot = RunningBot.start(state, QUICK);
        String admins = bot.world().adminsRoom();
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@example.com");
        assertThat(bot.replyTo(admins, command)).isPresent();

        bot.authentik().failEmail("SMTPAuthenticationError: 535 authentication failed");

        assertThat(followUp(admins, command, "535 authentication failed")).isTrue();
        assertThat(repliesTo(admins, command).get(1)).contains("ak test_email", "SMTP", "!revoke");
    }

    @Test
    void noEmailWithinTheTimeoutGetsTheTroubleshootingStepsToo() throws Exception {
        bot = RunningBot.start(state, QUICK);
        String admins = bot.world().adminsRoom();
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@example.com");
        assertThat(bot.replyTo(admins, command)).isPresent();

        assertThat(followUp(admins, command, "No email was confirmed")).isTrue();
        assertThat(repliesTo(admins, command).get(1)).contains("within 3 seconds");
    }

    @Test
    void anOpenedAndAbandonedLinkIsReportedAndReissueWorks() throws Exception {
        bot = RunningBot.start(state, QUICK);
        String admins = bot.world().adminsRoom();
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite \"Jane Smith\" media-users");
        assertThat(bot.replyTo(admins, command)).isPresent();
        StoredInvitation invitation = bot.authentik().invitations().get(0);

        bot.authentik().openLink(invitation.pk());
        assertThat(bot.authentik().invitations()).as("single use: gone once opened").isEmpty();
        assertThat(followUp(admins, command, "was opened, but no account was made")).isTrue();

        String reissued = bot.ask(admins, DemoWorld.ADMIN, "!reissue " + invitation.name());
        assertThat(reissued).doesNotContain("Refused");
    }

    @Test
    void anExpiredInvitationIsRemovedAuditedAndTheInviterToldOnce() throws Exception {
        SettableClock clock = new SettableClock();
        bot = RunningBot.start(state, QUICK, clock);
        String admins = bot.world().adminsRoom();
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite \"Jane Smith\" 1h");
        assertThat(bot.replyTo(admins, command)).isPresent();
        StoredInvitation invitation = bot.authentik().invitations().get(0);
        StoredInvitation someoneElses = bot.authentik().addInvitation("made-in-the-ui", Instant.now().minusSeconds(60), true,
                Map.of("name", "UI Person"), "admin");

        clock.advance(Duration.ofHours(2));

        assertThat(followUp(admins, command, "expired unused and was removed from Authentik")).isTrue();
        assertThat(bot.authentik().invitation(invitation.pk())).isEmpty();
        assertThat(bot.authentik().invitation(someoneElses.pk())).as("not the bot's to sweep").isPresent();
        // the sweep audits once the inviter is told, so the entry may come a moment after the message
        assertThat(auditOnceItHas(admins, "sweep")).contains("sweep", invitation.name());
        bot.restartBot();
        Thread.sleep(2_500);
        assertThat(repliesTo(admins, command)).hasSize(2);
        assertThat(bot.authentik().countRequests("DELETE", "/api/v3/stages/invitation/invitations/")).isEqualTo(1);
    }

    private String auditOnceItHas(String room, String text) throws InterruptedException {
        String audit = bot.ask(room, DemoWorld.ADMIN, "!audit 3");
        for (int asked = 1; !audit.contains(text) && asked < 20; asked++) {
            Thread.sleep(100);
            audit = bot.ask(room, DemoWorld.ADMIN, "!audit 3");
        }
        return audit;
    }

    private boolean followUp(String room, String command, String text) {
        return bot.homeserver().awaitMessage(room, event -> event.sender().equals(DemoWorld.BOT)
                && command.equals(event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText())
                && body(event).contains(text), WAIT);
    }

    private List<String> repliesTo(String room, String command) {
        return bot.botMessages(room).stream()
                .filter(event -> command.equals(event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()))
                .map(FollowUpTest::body)
                .toList();
    }

    private static String body(RoomEvent event) {
        return event.content().path("body").asText();
    }
}
