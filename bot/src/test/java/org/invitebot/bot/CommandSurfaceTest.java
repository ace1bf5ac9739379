package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.testbed.authentik.StoredInvitation;
import org.invitebot.testbed.matrix.RoomEvent;

/** SPEC §2 and §3 beyond {@code !invite}: listing, revoking, reissuing, groups, whoami, flags, delegation, DMs. */
class CommandSurfaceTest {

    private static final String MONTH = YearMonth.now(ZoneOffset.UTC).toString();

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
    void invitesWalksEveryPageAndListsSoonestFirst() {
        Instant base = Instant.now().plus(Duration.ofDays(1));
        for (int i = 0; i < 250; i++) {
            String name = (i % 50 == 7 ? "jane-" : "user-") + String.format("%03d", i);
            bot.authentik().addInvitation(name, base.plus(Duration.ofMinutes(i)), true, Map.of("email", name + "@example.com"), "invitebot");
        }
        bot.authentik().addInvitation("long-gone", Instant.now().minus(Duration.ofDays(1)), true, Map.of(), "invitebot");

        String all = bot.ask(admins, DemoWorld.ADMIN, "!invites");
        String janes = bot.ask(admins, DemoWorld.ADMIN, "!invites jane");

        assertThat(all).startsWith("250 active invitations, soonest expiry first:");
        List<String> lines = all.lines().toList();
        assertThat(lines.get(1)).startsWith("user-000 · email u***@example.com");
        assertThat(lines.get(8)).startsWith("jane-007");
        assertThat(lines).hasSize(22).last().asString().contains("and 230 more", "!invites jane");
        assertThat(all).doesNotContain("long-gone");
        assertThat(janes).startsWith("5 active invitations matching \"jane\"").contains("jane-007", "jane-057", "jane-207");
        assertThat(bot.authentik().requests()).filteredOn(request -> request.path().contains("page=3")).isNotEmpty();
    }

    @Test
    void revokeDeletesAndSaysSoOrSaysWhatIsMissing() {
        bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.com");
        StoredInvitation jane = bot.authentik().invitations().get(0);

        String revoked = bot.ask(admins, DemoWorld.ADMIN, "!revoke " + jane.name());
        String unknown = bot.ask(admins, DemoWorld.ADMIN, "!revoke nobody-2026-11");

        assertThat(revoked).contains("Revoked " + jane.name(), "stops working");
        assertThat(bot.authentik().invitation(jane.pk())).isEmpty();
        assertThat(unknown).contains("no invitation is named \"nobody-2026-11\"");
    }

    @Test
    void duplicateNamesAreListedAndTheOneWantedIsPickedByPk() {
        Instant soon = Instant.now().plus(Duration.ofDays(2));
        StoredInvitation first = bot.authentik().addInvitation("shared-name", soon, true, Map.of(), "invitebot");
        StoredInvitation second = bot.authentik().addInvitation("shared-name", soon.plusSeconds(60), true, Map.of(), "invitebot");

        String ambiguous = bot.ask(admins, DemoWorld.ADMIN, "!revoke shared-name");
        String revoked = bot.ask(admins, DemoWorld.ADMIN, "!revoke " + second.pk().toString().substring(0, 8));

        assertThat(ambiguous).contains("2 invitations are named shared-name", first.pk().toString().substring(0, 8),
                second.pk().toString().substring(0, 8));
        assertThat(revoked).contains("Revoked shared-name");
        assertThat(bot.authentik().invitations()).extracting(StoredInvitation::pk).containsExactly(first.pk());
    }

    @Test
    void reissueMakesTheSameInvitationAfreshAndRevokesTheOld() {
        bot.ask(admins, DemoWorld.ADMIN, "!invite \"Jane Smith\" 2h ai-users cloud-users");
        StoredInvitation old = bot.authentik().invitations().get(0);

        String reply = bot.ask(admins, DemoWorld.ADMIN, "!reissue " + old.name());

        assertThat(bot.authentik().invitation(old.pk())).isEmpty();
        assertThat(bot.authentik().invitations()).hasSize(1);
        StoredInvitation fresh = bot.authentik().invitations().get(0);
        assertThat(fresh.name()).isEqualTo("jane-smith-" + MONTH + "-2");
        assertThat(fresh.fixedData()).containsEntry("name", "Jane Smith").doesNotContainKey("email");
        assertThat(attributes(fresh)).containsEntry("requested_groups", List.of("ai-users", "cloud-users"))
                .containsEntry("invitebot_delivery", "link");
        assertThat(fresh.expires()).isAfter(old.expires().plus(Duration.ofHours(40)));
        assertThat(reply).contains("Revoked " + old.name(), fresh.name(), "itoken=" + fresh.pk());
    }

    @Test
    void aDelegatedAdminGrantsOnlyWhatTheirGroupMay() {
        String allowed = bot.ask(admins, DemoWorld.CAROL, "!invite jane@example.com 7d media-users");
        String refused = bot.ask(admins, DemoWorld.CAROL, "!invite john@example.com 7d ai-users");
        String groups = bot.ask(admins, DemoWorld.CAROL, "!groups");

        assertThat(allowed).contains("created");
        assertThat(refused).contains("you may not grant group \"ai-users\"", "media-users");
        assertThat(groups.lines()).containsExactly("Groups you may grant:", "media-users: Jellyfin, Jellyseer, PeerTube");
        assertThat(bot.authentik().invitations()).hasSize(1);
    }

    @Test
    void multiNeedsAnExplicitShortExpiry() {
        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!invite \"Workshop\" --multi")).contains("48h");
        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!invite \"Workshop\" 7d --multi")).contains("48h");
        assertThat(bot.authentik().invitations()).isEmpty();

        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!invite --multi \"Workshop\" 24h")).contains("Multi-use");
        assertThat(bot.authentik().invitations()).singleElement()
                .satisfies(invitation -> assertThat(invitation.singleUse()).isFalse());
    }

    @Test
    void linkFlagKeepsTheAddressOutOfReachOfTheEmailPolicy() {
        String reply = bot.ask(admins, DemoWorld.ADMIN, "!invite jane@example.com --link media-users");

        StoredInvitation invitation = bot.authentik().invitations().get(0);
        assertThat(invitation.fixedData()).doesNotContainKey("email");
        assertThat(attributes(invitation)).containsEntry("invitee_email", "jane@example.com");
        assertThat(reply).contains("itoken=" + invitation.pk());
    }

    @Test
    void whoamiExplainsTheMappingToAdminsAndNonAdmins() {
        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!whoami"))
                .contains("@admin:example.org is Authentik user admin", "authentik Admins", "media-users", "ai-users");
        assertThat(bot.ask(admins, DemoWorld.BOB, "!whoami"))
                .isEqualTo("@bob:example.org maps to Authentik user bob. You may not invite.");
        assertThat(bot.ask(admins, DemoWorld.CAROL, "!whoami")).contains("media-admins", "grant: media-users.");
    }

    @Test
    void helpExplainsEachCommandWithTwoExamples() {
        for (String command : List.of("invite", "invites", "revoke", "reissue", "groups", "whoami", "audit", "help")) {
            String help = bot.ask(admins, DemoWorld.ADMIN, "!help " + command);
            assertThat(help.lines().filter(line -> line.startsWith("  !")).count()).as(command).isGreaterThanOrEqualTo(2);
        }
        assertThat(bot.ask(admins, DemoWorld.ADMIN, "!help frobnicate")).isEqualTo("unknown command \"frobnicate\"; try !help");
    }

    @Test
    void commandsInADirectMessageWorkAndLinksArePostedThere() {
        String dm = bot.homeserver().createDirectRoom(DemoWorld.ADMIN, DemoWorld.BOT);
        assertThat(bot.homeserver().awaitEvent(dm, event -> event.type().equals("m.room.member")
                && DemoWorld.BOT.equals(event.stateKey()) && event.content().path("membership").asText().equals("join"),
                RunningBot.REPLY_WAIT)).isPresent();

        String reply = bot.ask(dm, DemoWorld.ADMIN, "!invite \"Jane Smith\"");

        StoredInvitation invitation = bot.authentik().invitations().get(0);
        assertThat(reply).contains("itoken=" + invitation.pk());
    }

    @Test
    void repliesCarryEscapedHtmlWithTheLinkAsCode() {
        String command = bot.homeserver().sendText(admins, DemoWorld.ADMIN, "!invite \"Jane <Smith>\" ai-users");
        RoomEvent reply = bot.replyTo(admins, command).orElseThrow();
        StoredInvitation invitation = bot.authentik().invitations().get(0);

        assertThat(reply.content().path("format").asText()).isEqualTo("org.matrix.custom.html");
        assertThat(reply.content().path("formatted_body").asText())
                .contains("<strong>" + invitation.name() + "</strong>", "Jane &lt;Smith&gt;", "<code>http://")
                .contains("itoken=" + invitation.pk() + "</code>");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(StoredInvitation invitation) {
        return (Map<String, Object>) invitation.fixedData().get("attributes");
    }
}
