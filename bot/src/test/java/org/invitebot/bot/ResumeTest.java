package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.ReceivedCommand;
import org.invitebot.core.store.StateStore;
import org.invitebot.testbed.authentik.StoredInvitation;

/** A command a stop interrupted, resumed at the next start while new commands arrive (issue 12). */
class ResumeTest {

    @TempDir
    Path dir;

    @Test
    void anInterruptedCommandKeepsItsReservedNameWhenANewCommandForTheSameNameArrivesInTheFirstSync() throws Exception {
        try (RunningBot bot = RunningBot.start(dir)) {
            String admins = bot.world().adminsRoom();
            bot.ask(admins, DemoWorld.ADMIN, "!help");
            bot.stopBot();
            String name = "jane-" + YearMonth.now(ZoneOffset.UTC);
            String interrupted = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@example.com 7d media-users");
            // as a stop leaves it: the command recorded and its name reserved, Authentik not yet asked
            try (StateStore store = StateStore.open(bot.world().config().state().path(), Clock.systemUTC())) {
                store.receive(List.of(new ReceivedCommand(interrupted, "matrix", admins, DemoWorld.ADMIN,
                        "!invite jane@example.com 7d media-users")), "unrelated", "x", Durability.CRASH_SAFE);
                store.reserveName(interrupted, name);
            }
            String fresh = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite jane@other.example 7d media-users");

            bot.startBot();

            assertThat(bot.replyTo(admins, interrupted)).hasValueSatisfying(reply ->
                    assertThat(reply.content().path("body").asText()).contains("Invitation " + name + " created"));
            assertThat(bot.replyTo(admins, fresh)).hasValueSatisfying(reply ->
                    assertThat(reply.content().path("body").asText()).contains("Invitation " + name + "-2 created"));
            Map<String, Object> emailByName = bot.authentik().invitations().stream()
                    .collect(Collectors.toMap(StoredInvitation::name, invitation -> invitation.fixedData().get("email")));
            assertThat(emailByName).containsExactlyInAnyOrderEntriesOf(Map.of(
                    name, "jane@example.com", name + "-2", "jane@other.example"));
            assertThat(bot.botMessages(admins)).filteredOn(message -> List.of(interrupted, fresh)
                    .contains(message.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText()))
                    .hasSize(2);
        }
    }
}
