package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.testbed.authentik.StoredInvitation;

/** Commands typed before the bot could see them are history: it never runs them. */
class HistoryTest {

    private static final String MONTH = YearMonth.now(ZoneOffset.UTC).toString();

    @TempDir
    Path state;
    private RunningBot bot;

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void commandsFromBeforeTheFirstStartAreNotRun() throws Exception {
        bot = RunningBot.prepare(state);
        String admins = bot.world().adminsRoom();
        String old = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite old@example.com");

        bot.startBot();
        bot.ask(admins, DemoWorld.ADMIN, "!invite new@example.com");

        assertThat(bot.authentik().invitations()).extracting(StoredInvitation::name).containsExactly("new-" + MONTH);
        assertThat(bot.replyTo(admins, old, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void joiningARoomDoesNotRunItsHistory() throws Exception {
        bot = RunningBot.start(state);
        String ops = bot.homeserver().createRoom(DemoWorld.ADMIN, "ops", false);
        String old = bot.homeserver().sendText(ops, DemoWorld.ADMIN, "!invite old@example.com");

        bot.homeserver().invite(ops, DemoWorld.ADMIN, DemoWorld.BOT);
        assertThat(bot.homeserver().awaitEvent(ops, event -> event.type().equals("m.room.member")
                && DemoWorld.BOT.equals(event.stateKey())
                && event.content().path("membership").asText().equals("join"), RunningBot.REPLY_WAIT))
                .as("the bot joins when an admin invites it").isPresent();
        String reply = bot.ask(ops, DemoWorld.ADMIN, "!invite new@example.com");

        assertThat(reply).contains("not accepted in this room");
        assertThat(bot.replyTo(ops, old, Duration.ofSeconds(1))).isEmpty();
        assertThat(bot.authentik().invitations()).isEmpty();
    }

    @Test
    void invitationFromANonAdminIsNotAccepted() throws Exception {
        bot = RunningBot.start(state);
        String bobs = bot.homeserver().createRoom(DemoWorld.BOB, "bob's room", false);
        bot.homeserver().invite(bobs, DemoWorld.BOB, DemoWorld.BOT);
        // an admin's invitation sent afterwards is acted on, so by then bob's has been seen
        String ops = bot.homeserver().createRoom(DemoWorld.ADMIN, "ops", false);
        bot.homeserver().invite(ops, DemoWorld.ADMIN, DemoWorld.BOT);
        assertThat(bot.homeserver().awaitEvent(ops, event -> event.type().equals("m.room.member")
                && DemoWorld.BOT.equals(event.stateKey())
                && event.content().path("membership").asText().equals("join"), Duration.ofSeconds(10))).isPresent();

        assertThat(bot.homeserver().isJoined(bobs, DemoWorld.BOT)).isFalse();
    }
}
