package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.core.invite.RetryWindow;
import org.invitebot.testbed.matrix.ReceivedRequest;
import org.invitebot.testbed.matrix.RoomEvent;

/** SPEC §5: the bot stays up and answers through faults of Authentik and of the homeserver. */
class FaultsTest {

    private static final Duration OUTAGE_WAIT = Duration.ofSeconds(90);

    @TempDir
    Path state;
    private RunningBot bot;
    private String admins;

    @BeforeEach
    void start() throws Exception {
        bot = RunningBot.start(state);
        admins = bot.world().adminsRoom();
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void rateLimitedRepliesArriveAfterTheDelaysAskedFor() throws InterruptedException {
        bot.homeserver().rateLimitNextSends(3, 400);

        String reply = bot.ask(admins, DemoWorld.ADMIN, "!help");

        assertThat(reply).contains("!invite");
        // the stand-in records a request once its answer is written, which can be just after the reply shows
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        List<Instant> sends = botSends();
        while (sends.size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            sends = botSends();
        }
        assertThat(sends).hasSize(4);
        for (int i = 1; i < sends.size(); i++) {
            assertThat(Duration.between(sends.get(i - 1), sends.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
        assertThat(bot.botMessages(admins)).hasSize(1);
    }

    private List<Instant> botSends() {
        return bot.homeserver().requests().stream()
                .filter(request -> "sendMessage".equals(request.operation()) && DemoWorld.BOT.equals(request.userId())
                        && request.path().contains("/send/m.room.message/"))
                .map(ReceivedRequest::receivedAt)
                .toList();
    }

    @Test
    void authentikDownForThirtySecondsDuringABurst() throws Exception {
        List<String> commands = new ArrayList<>();
        commands.add(bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite before@example.com"));
        assertThat(bot.replyTo(admins, commands.get(0))).isPresent();

        bot.authentik().setAvailable(false);
        for (int i = 0; i < 5; i++) {
            commands.add(bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite during" + i + "@example.com"));
        }
        Thread.sleep(Duration.ofSeconds(30).toMillis());
        bot.authentik().setAvailable(true);
        for (int i = 0; i < 3; i++) {
            commands.add(bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite after" + i + "@example.com"));
        }

        for (String command : commands) {
            assertThat(bot.homeserver().awaitMessage(admins, event -> isFinalReplyTo(event, command), OUTAGE_WAIT))
                    .as("a final reply to %s", command).isTrue();
        }
        assertThat(bot.authentik().invitations()).hasSize(commands.size());
        assertThat(bot.botMessages(admins)).filteredOn(event -> body(event).contains("I will keep trying"))
                .as("one waiting notice per command caught by the outage").hasSize(5);
    }

    @Test
    void whenAuthentikStaysDownTheReplySaysItGaveUp() throws Exception {
        bot.close();
        bot = RunningBot.prepare(state.resolve("short-window"));
        bot.startBot(new RetryWindow(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1)));
        bot.authentik().setAvailable(false);

        String command = bot.homeserver().sendText(admins(), DemoWorld.ADMIN, "!invite jane@example.com");

        assertThat(bot.homeserver().awaitMessage(admins(), event -> isFinalReplyTo(event, command), RunningBot.REPLY_WAIT))
                .isTrue();
        assertThat(bot.botMessages(admins())).extracting(FaultsTest::body).containsExactly(
                "Authentik is not answering properly (HTTP 502) when trying to look up user admin."
                        + " I will keep trying for 3 seconds and answer here.",
                "Failed: gave up after 3 seconds: Authentik is not answering properly (HTTP 502) when trying to look up"
                        + " user admin");
        assertThat(bot.authentik().invitations()).isEmpty();
    }

    @Test
    void homeserverDownThenBackAndTheBotCarriesOn() throws Exception {
        bot.ask(admins, DemoWorld.ADMIN, "!help");
        bot.homeserver().setAvailable(false);
        Thread.sleep(5_000);
        bot.homeserver().setAvailable(true);

        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.com")).contains("created");
    }

    @Test
    void withEncryptionOffAnEncryptedRoomIsToldOnceThatTheBotCannotReadIt() throws Exception {
        bot.stopBot();
        bot.startBot(yaml -> yaml.replace("  encryption:\n", "  encryption:\n    enabled: false\n"));
        String secret = bot.homeserver().createRoom(DemoWorld.ADMIN, "secret", true);
        bot.homeserver().invite(secret, DemoWorld.ADMIN, DemoWorld.BOT);
        assertThat(bot.homeserver().awaitMessage(secret, event -> event.sender().equals(DemoWorld.BOT)
                && body(event).contains("encryption is off or could not start"), RunningBot.REPLY_WAIT)).isTrue();

        bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN);
        assertThat(bot.homeserver().awaitMessage(admins, event -> event.sender().equals(DemoWorld.BOT)
                && body(event).contains("encryption is off or could not start"), RunningBot.REPLY_WAIT)).isTrue();

        bot.restartBot();
        String lobby = bot.world().lobbyRoom();
        bot.ask(lobby, DemoWorld.ADMIN, "!help");
        assertThat(bot.botMessages(secret)).hasSize(1);
        assertThat(bot.botMessages(admins)).hasSize(1);
    }

    @Test
    void auditShowsDenialsToAdminsOnly() {
        bot.ask(admins, DemoWorld.BOB, "!invite jane@example.com");
        bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.com never");

        String audit = bot.ask(admins, DemoWorld.ADMIN, "!audit 5");
        String refused = bot.ask(admins, DemoWorld.BOB, "!audit");

        assertThat(audit.lines()).hasSize(3);
        assertThat(audit).contains("@bob:example.org  invite  not-authorised", "@admin:example.org  invite  refused");
        assertThat(refused).contains("not authorised").doesNotContain("@admin");
    }

    private String admins() {
        return bot.world().adminsRoom();
    }

    private static boolean isFinalReplyTo(RoomEvent event, String command) {
        return event.sender().equals(DemoWorld.BOT)
                && command.equals(event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText())
                && !body(event).contains("I will keep trying");
    }

    private static String body(RoomEvent event) {
        return event.content().path("body").asText();
    }
}
