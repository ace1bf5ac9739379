package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoDevice;
import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.core.invite.RetryWindow;
import org.invitebot.crypto.OutboundGroupSession;
import org.invitebot.testbed.authentik.StoredInvitation;
import org.invitebot.testbed.matrix.RoomEvent;

/** Issue 15, as a Matrix client shows it: answers and follow-ups in the command's thread, and reactions on the command. */
class ThreadsAndReactionsTest {

    private static final DemoWorld.Timing QUICK = new DemoWorld.Timing(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60));
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path state;
    private RunningBot bot;

    @AfterEach
    void stop() {
        bot.homeserver().assertNoContractViolations();
        bot.close();
    }

    @Test
    void aCommandInAThreadIsAnsweredThereAndSoIsItsInvitationsNewsButNotTheAnnouncement() throws Exception {
        bot = RunningBot.start(state, QUICK);
        String admins = bot.world().adminsRoom();
        String root = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "new people this week");
        String command = bot.homeserver().sendInThread(admins, DemoWorld.ADMIN, root, "!invite jane@example.com 7d media-users");

        RoomEvent answer = awaitBotMessage(admins, event -> isInThread(event, root, command) && body(event).contains("created"));
        assertThat(answer.content().path("m.relates_to").path("is_falling_back").asBoolean()).isTrue();

        StoredInvitation invitation = bot.authentik().invitations().get(0);
        bot.authentik().sendInvitationEmail(invitation.pk());
        awaitBotMessage(admins, event -> isInThread(event, root, command) && body(event).contains("went out"));
        bot.authentik().enroll(invitation.pk(), "jane", "Jane Smith", "jane@example.com");
        awaitBotMessage(admins, event -> isInThread(event, root, command) && body(event).contains("enrolled"));
        RoomEvent announcement = awaitBotMessage(bot.world().onboardingRoom(), event -> body(event).contains("Jane Smith (jane) enrolled"));
        assertThat(announcement.content().has("m.relates_to")).as("the announcement stays top-level").isFalse();
    }

    @Test
    void aTopLevelCommandGetsAPlainReplyAndItsInvitationsNewsStartsAThreadOnIt() throws Exception {
        bot = RunningBot.start(state, QUICK);
        String admins = bot.world().adminsRoom();
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@example.com 7d media-users");

        RoomEvent answer = awaitBotMessage(admins, event -> replyTo(event).equals(command));
        assertThat(answer.content().path("m.relates_to").has("rel_type")).as("a plain reply").isFalse();

        bot.authentik().sendInvitationEmail(bot.authentik().invitations().get(0).pk());
        awaitBotMessage(admins, event -> isInThread(event, command, command) && body(event).contains("went out"));
    }

    @Test
    void aDoneCommandGetsATickAndARefusedOneACrossEachOnce() throws Exception {
        bot = RunningBot.start(state);
        String admins = bot.world().adminsRoom();
        String done = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@example.com 7d media-users");
        String refused = bot.homeserver().sendText(admins, DemoWorld.BOB, "!invite joe@example.com");
        String malformed = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite");

        assertThat(awaitReactions(admins, done, 1)).containsExactly("✅");
        assertThat(awaitReactions(admins, refused, 1)).containsExactly("❌");
        assertThat(awaitReactions(admins, malformed, 1)).containsExactly("❌");

        bot.restartBot();
        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!whoami")).contains("Authentik user admin");
        assertThat(reactions(admins, done)).as("not again after a restart").containsExactly("✅");
    }

    @Test
    void whileAuthentikIsAwaitedTheCommandWearsAnHourglassThatGoesWithTheAnswer() throws Exception {
        bot = RunningBot.prepare(state);
        bot.startBot(new RetryWindow(Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(1)));
        String admins = bot.world().adminsRoom();
        bot.authentik().setAvailable(false);
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@example.com 7d media-users");

        assertThat(awaitReactions(admins, command, 1)).containsExactly("⏳");
        String hourglass = reactionEvents(admins, command).get(0).eventId();
        bot.authentik().setAvailable(true);

        awaitBotMessage(admins, event -> replyTo(event).equals(command) && body(event).contains("created"));
        assertThat(bot.homeserver().awaitEvent(admins, event -> event.type().equals("m.room.redaction")
                && event.content().path("redacts").asText().equals(hourglass), WAIT)).as("the ⏳ taken back").isPresent();
        assertThat(bot.homeserver().isRedacted(admins, hourglass)).isTrue();
        assertThat(awaitReactions(admins, command, 1)).as("what a client shows once the ⏳ is gone").containsExactly("✅");
    }

    @Test
    void withReactionsOffThereAreNone() throws Exception {
        bot = RunningBot.prepare(state);
        bot.startBot(yaml -> yaml.replace("  encryption:\n", "  reactions: false\n  encryption:\n"));
        String admins = bot.world().adminsRoom();

        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.com 7d media-users")).contains("created");
        Thread.sleep(1000);
        assertThat(bot.homeserver().timeline(admins)).noneMatch(event -> event.type().equals("m.reaction"));
    }

    @Test
    void inAnEncryptedRoomTheReactionIsEncryptedWithItsRelationInTheClear() throws Exception {
        bot = RunningBot.prepare(state);
        String admins = bot.world().adminsRoom();
        bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN);
        bot.startBot();
        DemoDevice admin = new DemoDevice(bot.homeserver().baseUrl(), DemoWorld.ADMIN, "PHONE",
                bot.homeserver().addDevice(DemoWorld.ADMIN, "PHONE")).uploadKeys().crossSign();

        String command = admin.send(admins, "!whoami");
        assertThat(bot.answerTo(admin, admins, command)).contains("Authentik user admin");

        RoomEvent reaction = bot.homeserver().awaitEvent(admins, event -> event.sender().equals(DemoWorld.BOT)
                && event.type().equals("m.room.encrypted")
                && event.content().path("m.relates_to").path("rel_type").asText().equals("m.annotation"), WAIT).orElseThrow();
        assertThat(reaction.content().path("m.relates_to").path("event_id").asText()).isEqualTo(command);
        JsonNode decrypted = admin.decrypt(reaction.content()).orElseThrow();
        assertThat(decrypted.path("m.relates_to").path("key").asText()).isEqualTo("✅");
    }

    @Test
    void anEncryptedCommandInAThreadWithItsRelationInTheClearOnlyIsAnsweredInTheThread() throws Exception {
        bot = RunningBot.prepare(state);
        String admins = bot.world().adminsRoom();
        bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN);
        bot.startBot();
        DemoDevice admin = new DemoDevice(bot.homeserver().baseUrl(), DemoWorld.ADMIN, "PHONE",
                bot.homeserver().addDevice(DemoWorld.ADMIN, "PHONE")).uploadKeys().crossSign();
        String root = admin.send(admins, "new people this week");

        String command = admin.sendInThread(admins, root, "!whoami");

        assertThat(bot.answerTo(admin, admins, command)).contains("Authentik user admin");
        RoomEvent answer = bot.homeserver().awaitEvent(admins, event -> event.sender().equals(DemoWorld.BOT)
                && event.type().equals("m.room.encrypted") && isInThread(event, root, command), WAIT).orElseThrow();
        assertThat(admin.decrypt(answer.content()).orElseThrow().path("body").asText()).contains("Authentik user admin");
    }

    @Test
    void anEncryptedCommandInAThreadWhoseKeyNeverComesIsToldSoInThatThread() throws Exception {
        bot = RunningBot.prepare(state, DemoWorld.Timing.DEMO.withKeyWait(Duration.ofSeconds(3)));
        String admins = bot.world().adminsRoom();
        bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN);
        bot.startBot();
        DemoDevice admin = new DemoDevice(bot.homeserver().baseUrl(), DemoWorld.ADMIN, "PHONE",
                bot.homeserver().addDevice(DemoWorld.ADMIN, "PHONE")).uploadKeys().crossSign();
        String root = admin.send(admins, "new people this week");

        String command = admin.sendEncryptedInThread(admins, OutboundGroupSession.create(), root, "!invite jane@example.com");

        RoomEvent told = bot.homeserver().awaitEvent(admins, event -> event.sender().equals(DemoWorld.BOT)
                && event.type().equals("m.room.encrypted") && isInThread(event, root, command), Duration.ofSeconds(20)).orElseThrow();
        assertThat(admin.decrypt(told.content()).orElseThrow().path("body").asText()).contains("could not decrypt your message");
    }

    private RoomEvent awaitBotMessage(String room, java.util.function.Predicate<RoomEvent> matching) {
        return bot.homeserver().awaitEvent(room, event -> event.sender().equals(DemoWorld.BOT) && event.isMessage()
                && matching.test(event), WAIT).orElseThrow(() -> new AssertionError("no such message from the bot in " + room));
    }

    private List<String> awaitReactions(String room, String command, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (reactions(room, command).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        return reactions(room, command);
    }

    private List<String> reactions(String room, String command) {
        return reactionEvents(room, command).stream().map(event -> event.content().path("m.relates_to").path("key").asText()).toList();
    }

    private List<RoomEvent> reactionEvents(String room, String command) {
        return bot.homeserver().timeline(room).stream()
                .filter(event -> event.sender().equals(DemoWorld.BOT) && event.type().equals("m.reaction")
                        && event.content().path("m.relates_to").path("event_id").asText().equals(command))
                .toList();
    }

    private static boolean isInThread(RoomEvent event, String root, String command) {
        JsonNode relation = event.content().path("m.relates_to");
        return relation.path("rel_type").asText().equals("m.thread") && relation.path("event_id").asText().equals(root)
                && relation.path("m.in_reply_to").path("event_id").asText().equals(command);
    }

    private static String replyTo(RoomEvent event) {
        return event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText();
    }

    private static String body(RoomEvent event) {
        return event.content().path("body").asText();
    }
}
