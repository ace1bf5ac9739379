package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoDevice;
import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.crypto.OutboundGroupSession;

/**
 * Encrypted rooms with an independent client: the admin types in Element's stead with matrix-nio (libolm),
 * the bot answers encrypted, and nio decrypts what the bot says, the DM with a link included.
 */
class EncryptedRoomTest {

    private static final String MONTH = YearMonth.now(ZoneOffset.UTC).toString();

    @TempDir
    Path dir;

    @Test
    void anAdminInAnEncryptedRoomGetsAnEncryptedAnswerThatTheirClientDecrypts() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = bot.world().adminsRoom();
            bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN);
            bot.startBot(RunningBot.ANY_DEVICE);
            String token = bot.homeserver().addDevice(DemoWorld.ADMIN, "NIOADMIN");
            try (NioAdmin nio = NioAdmin.start(bot.homeserver().baseUrl(), DemoWorld.ADMIN, "NIOADMIN", token,
                    Files.createDirectories(dir.resolve("nio")), dir.resolve("nio.log"))) {
                String command = nio.send(admins, "!invite jane@example.com 7d media-users");

                JsonNode reply = nio.replyTo(admins, command, 20);

                assertThat(reply.path("body").asText()).contains("Invitation jane-" + MONTH + " created");
                assertThat(reply.path("encrypted").asBoolean()).as("the answer was encrypted").isTrue();
                assertThat(bot.authentik().invitations()).hasSize(1);
                assertThat(bot.homeserver().timeline(admins)).filteredOn(event -> event.sender().equals(DemoWorld.BOT))
                        .noneSatisfy(event -> assertThat(event.type()).isEqualTo("m.room.message"));
                assertThat(nio.call("undecryptable").path("events")).as("nothing the bot said is unreadable").isEmpty();
            }
        }
    }

    @Test
    void aCommandWhoseKeyArrivesFiveSecondsLaterIsAnsweredOnce() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir, DemoWorld.Timing.DEMO.withKeyWait(Duration.ofSeconds(30)))) {
            String admins = encryptedAdminRoom(bot);
            DemoDevice late = client(bot, DemoWorld.ADMIN, "LATEKEY");
            try (NioAdmin nio = nio(bot)) {
                OutboundGroupSession session = OutboundGroupSession.create();
                String key = session.sessionKey();
                String command = late.sendEncrypted(admins, session, "!invite jane@example.com 7d media-users");
                Thread.sleep(5000);
                late.shareRoomKey(session.sessionId(), key, admins, DemoWorld.BOT);

                assertThat(nio.replyTo(admins, command, 30).path("body").asText()).contains("Invitation jane-" + MONTH + " created");
                Thread.sleep(2000);
                assertThat(bot.authentik().invitations()).hasSize(1);
                assertThat(nio.call("messages_from", "room", admins, "sender", DemoWorld.BOT).path("count").asInt())
                        .as("one answer, no could-not-decrypt").isEqualTo(1);
            }
        }
    }

    @Test
    void aCommandWhoseKeyNeverArrivesGetsTheCouldNotDecryptAnswerAndCreatesNothing() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir, DemoWorld.Timing.DEMO.withKeyWait(Duration.ofSeconds(3)))) {
            String admins = encryptedAdminRoom(bot);
            DemoDevice keyless = client(bot, DemoWorld.ADMIN, "NOKEY");
            try (NioAdmin nio = nio(bot)) {
                String command = keyless.sendEncrypted(admins, OutboundGroupSession.create(), "!invite jane@example.com");

                JsonNode reply = nio.replyTo(admins, command, 40);

                assertThat(reply.path("body").asText()).contains("could not decrypt your message", "did not arrive within 3 s");
                assertThat(reply.path("encrypted").asBoolean()).isTrue();
                assertThat(bot.authentik().invitations()).isEmpty();
            }
        }
    }

    @Test
    void aWithheldKeyIsAnsweredAtOnceWithItsReasonInsteadOfAfterTheWait() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = encryptedAdminRoom(bot);
            DemoDevice admin = client(bot, DemoWorld.ADMIN, "STRICT");
            OutboundGroupSession session = OutboundGroupSession.create();
            // the notice first: to-device messages are read before the room events of a batch, so it may come first
            admin.withholdRoomKey(admins, session.sessionId(), DemoWorld.BOT, "m.unverified",
                    "Device not verified by its owner");
            String command = admin.sendEncrypted(admins, session, "!invite jane@example.com 7d media-users");
            long asked = System.nanoTime();

            String answer = bot.answerTo(admin, admins, command);

            assertThat(answer).contains("could not decrypt your message", "withheld its key", "Device not verified");
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("not after the 60 s key wait").isLessThan(Duration.ofSeconds(30));
            assertThat(bot.authentik().invitations()).isEmpty();
        }
    }

    @Test
    void anEventClaimingASenderWhoseDevicesDidNotShareItsSessionIsIgnoredAndAudited() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = encryptedAdminRoom(bot);
            DemoDevice admin = client(bot, DemoWorld.ADMIN, "ADMINDEV");
            DemoDevice bob = client(bot, DemoWorld.BOB, "BOBDEV");
            try (NioAdmin nio = nio(bot)) {
                OutboundGroupSession adminsSession = OutboundGroupSession.create();
                admin.shareRoomKey(adminsSession.sessionId(), adminsSession.sessionKey(), admins, DemoWorld.BOT);
                String forged = bob.sendEncrypted(admins, adminsSession, "!invite mallory@example.com 7d media-users");

                String audit = nio.send(admins, "!audit");
                JsonNode auditReply = nio.replyTo(admins, audit, 20);

                assertThat(auditReply.path("body").asText()).contains("rejected", forged);
                assertThat(bot.authentik().invitations()).isEmpty();
                assertThat(nio.replyTo(admins, forged, 1).path("body").isNull()).as("no answer to the forged command").isTrue();
            }
        }
    }

    @Test
    void theBotsSessionRotatesAfterTheRoomsMessageCountAndWhenSomeoneLeaves() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = bot.world().adminsRoom();
            bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN, 2);
            // reactions are messages too: without them, each answer is one message of the session
            bot.startBot(yaml -> RunningBot.ANY_DEVICE.apply(yaml).replace("  encryption:\n", "  reactions: false\n  encryption:\n"));
            try (NioAdmin nio = nio(bot)) {
                for (int i = 0; i < 3; i++) {
                    String help = nio.send(admins, "!whoami");
                    assertThat(nio.replyTo(admins, help, 20).path("body").asText()).contains("Authentik user admin");
                }
                bot.homeserver().leave(admins, DemoWorld.CAROL);
                String after = nio.send(admins, "!whoami");
                assertThat(nio.replyTo(admins, after, 20).path("body").asText()).contains("Authentik user admin");

                List<String> sessions = bot.homeserver().timeline(admins).stream()
                        .filter(event -> event.sender().equals(DemoWorld.BOT) && event.type().equals("m.room.encrypted"))
                        .map(event -> event.content().path("session_id").asText())
                        .toList();
                assertThat(sessions).hasSize(4);
                assertThat(sessions.get(1)).as("two messages per session").isEqualTo(sessions.get(0));
                assertThat(sessions.get(2)).isNotEqualTo(sessions.get(1));
                assertThat(sessions.get(3)).as("a member left").isNotEqualTo(sessions.get(2));
            }
        }
    }

    @Test
    void theBotsSessionRotatesOnceItIsAsOldAsTheRoomAsks() throws Exception {
        SettableClock clock = new SettableClock();
        try (RunningBot bot = RunningBot.start(dir, DemoWorld.Timing.DEMO, clock)) {
            String admins = bot.world().adminsRoom();
            bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN, Duration.ofHours(1));
            DemoDevice admin = client(bot, DemoWorld.ADMIN, "PHONE").crossSign();

            for (int i = 0; i < 2; i++) {
                assertThat(bot.askEncrypted(admin, admins, "!whoami")).contains("Authentik user admin");
            }
            clock.advance(Duration.ofMinutes(61));
            assertThat(bot.askEncrypted(admin, admins, "!whoami")).contains("Authentik user admin");

            List<String> sessions = bot.homeserver().timeline(admins).stream()
                    .filter(event -> event.sender().equals(DemoWorld.BOT) && event.type().equals("m.room.encrypted")
                            && !event.content().path("m.relates_to").path("rel_type").asText().equals("m.annotation"))
                    .map(event -> event.content().path("session_id").asText()).toList();
            assertThat(sessions).hasSize(3);
            assertThat(sessions.get(1)).as("within the hour, one session").isEqualTo(sessions.get(0));
            assertThat(sessions.get(2)).as("an hour later, a new one").isNotEqualTo(sessions.get(1));
            assertThat(bot.homeserver().requests().stream().filter(request -> DemoWorld.BOT.equals(request.userId())
                    && request.path().contains("/sendToDevice/m.room.encrypted/")).count())
                    .as("each session's key goes to the device once, not with every message").isEqualTo(2);
        }
    }

    @Test
    void aDeviceWhoseOlmSessionTheBotLostGetsANewOneAndItsNextRoomKeyIsRead() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = encryptedAdminRoom(bot);
            DemoDevice admin = client(bot, DemoWorld.ADMIN, "PHONE");
            assertThat(bot.askEncrypted(admin, admins, "!whoami")).contains("Authentik user admin");
            // as after restoring an older copy of the state file: the bot no longer has the Olm sessions the phone uses
            try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("invitebot.db"));
                 Statement statement = db.createStatement()) {
                statement.executeUpdate("DELETE FROM vault WHERE kind = 'olm'");
            }
            admin.rotateRoomKey(admins);
            admin.send(admins, "!invite lost@example.com");

            long deadline = System.nanoTime() + RunningBot.REPLY_WAIT.toNanos();
            String answer = null;
            while (answer == null && System.nanoTime() < deadline) {
                Thread.sleep(500);
                admin.receive();
                admin.rotateRoomKey(admins);
                try {
                    answer = bot.askEncrypted(admin, admins, "!whoami");
                } catch (AssertionError notYet) {
                    // the new session had not reached the phone before it shared its key
                }
            }
            assertThat(answer).as("the phone's next room key came over the bot's new session").contains("Authentik user admin");
            assertThat(bot.homeserver().requests().stream().filter(request -> DemoWorld.BOT.equals(request.userId())
                    && request.path().contains("/sendToDevice/m.room.encrypted/")).count()).isGreaterThanOrEqualTo(2);
        }
    }

    private static String encryptedAdminRoom(RunningBot bot) throws Exception {
        String admins = bot.world().adminsRoom();
        bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN);
        bot.startBot(RunningBot.ANY_DEVICE);
        return admins;
    }

    private static DemoDevice client(RunningBot bot, String user, String device) {
        return new DemoDevice(bot.homeserver().baseUrl(), user, device, bot.homeserver().addDevice(user, device)).uploadKeys();
    }

    private NioAdmin nio(RunningBot bot) throws Exception {
        return NioAdmin.start(bot.homeserver().baseUrl(), DemoWorld.ADMIN, "NIOADMIN",
                bot.homeserver().addDevice(DemoWorld.ADMIN, "NIOADMIN"), Files.createDirectories(dir.resolve("nio")),
                dir.resolve("nio.log"));
    }

    @Test
    void theLinkGoesToAnEncryptedDirectMessageThatTheAdminsClientReads() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            bot.startBot(RunningBot.ANY_DEVICE);
            String lobby = bot.world().lobbyRoom();
            String token = bot.homeserver().addDevice(DemoWorld.ADMIN, "NIOADMIN");
            try (NioAdmin nio = NioAdmin.start(bot.homeserver().baseUrl(), DemoWorld.ADMIN, "NIOADMIN", token,
                    Files.createDirectories(dir.resolve("nio")), dir.resolve("nio.log"))) {
                String reply = bot.ask(lobby, DemoWorld.ADMIN, "!invite \"Jane Smith\"");
                assertThat(reply).contains("direct message");

                JsonNode link = nio.call("await_text", "sender", DemoWorld.BOT, "contains", "itoken=", "timeout", 20);

                assertThat(link.path("body").asText()).contains("Enrollment link for jane-smith-" + MONTH);
                assertThat(link.path("encrypted").asBoolean()).isTrue();
                assertThat(link.path("room_encrypted").asBoolean()).isTrue();
            }
        }
    }
}
