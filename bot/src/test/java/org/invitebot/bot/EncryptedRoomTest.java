package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;

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
            bot.startBot();
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
    void theLinkGoesToAnEncryptedDirectMessageThatTheAdminsClientReads() throws Exception {
        try (RunningBot bot = RunningBot.start(dir)) {
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
