package org.invitebot.bot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.InvitebotApp;

/** The demo driven through a pipe, as a user would type into it. */
class DemoTerminalTest {

    private static final String MONTH = YearMonth.now(ZoneOffset.UTC).toString();

    @TempDir
    Path state;

    @Test
    void aTypedSessionShowsRepliesLinksAndInvitations() throws Exception {
        String script = String.join("\n",
                "!invite jane@example.com 7d media-users",
                "!invite \"John Doe\" 48h",
                "/room lobby",
                "!invite \"Mary Major\"",
                "/as bob",
                "!invite bob2@example.com",
                "/invitations",
                "/as admin",
                "/room admins",
                "/open john-doe-" + MONTH,
                "/enroll john-doe-" + MONTH,
                "/smtp down",
                "!invite max@example.com",
                "!invite \"Sam Lee\" --signal +15551234567",
                "/signal",
                "/signal !whoami",
                "/wait 3",
                "/quit",
                "");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (DemoWorld world = DemoWorld.startEncrypted(state.resolve("invitebot.db"));
             InvitebotApp app = InvitebotApp.start(world.config(), Clock.systemUTC())) {
            new DemoTerminal(world, new BufferedReader(new StringReader(script)),
                    new PrintStream(printed, true, StandardCharsets.UTF_8), "!").run();
            world.homeserver().assertNoContractViolations();
            world.authentik().assertNoContractViolations();
        }
        String transcript = printed.toString(StandardCharsets.UTF_8);

        assertThat(transcript)
                .contains("[#admins, encrypted] invitebot: Invitation jane-" + MONTH + " created: email on its way to j***@example.com")
                .contains("[#admins, encrypted] invitebot: Invitation john-doe-" + MONTH + " created")
                .contains("/if/flow/invitation-enrollment/?itoken=")
                .contains("[#lobby] invitebot: Invitation mary-major-" + MONTH + " created")
                .contains("[DM, encrypted] invitebot: ")
                .contains("you are now @bob:example.org")
                .contains("not authorised")
                .contains("jane-" + MONTH, "john-doe-" + MONTH, "mary-major-" + MONTH)
                .contains("[mail to jane@example.com] You have been invited: http")
                .contains("(the invitee signed up as john through john-doe-" + MONTH + ")")
                .contains("[authentik] new user john (John Doe) created")
                .contains("[authentik worker] Task send_mail encountered an error: SMTPAuthenticationError")
                .contains("[#admins, encrypted] invitebot (in the command's thread): The invitation email for jane-" + MONTH + " went out")
                .contains("[#onboarding] invitebot: John Doe (john) enrolled via john-doe-" + MONTH + ", invited by @admin:example.org")
                .contains("[#admins, encrypted] invitebot (in the command's thread): No email was confirmed for max-" + MONTH
                        + ": Authentik's mail task failed")
                .contains("[#admins, encrypted] invitebot reacted ✅", "[#lobby] invitebot reacted ❌")
                .contains("[Signal to +15551234567] Hello Sam Lee! @admin:example.org invited you")
                .contains("[Signal to " + DemoWorld.ADMIN_PHONE + "] admin (Signal +1555***1111) is Authentik user admin")
                .doesNotContain("no answer from the bot")
                .endsWith("bye" + System.lineSeparator());
    }
}
