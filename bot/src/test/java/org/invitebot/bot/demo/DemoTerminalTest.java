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
        String transcript = transcriptOf(script);

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

    /** What the terminal prints when {@code script} is typed into it, with the bot running against the stand-ins. */
    private String transcriptOf(String script) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (DemoWorld world = DemoWorld.startEncrypted(state.resolve("invitebot.db"));
             InvitebotApp app = InvitebotApp.start(world.config(), Clock.systemUTC())) {
            new DemoTerminal(world, new BufferedReader(new StringReader(script)),
                    new PrintStream(printed, true, StandardCharsets.UTF_8), "!").run();
            world.homeserver().assertNoContractViolations();
            world.authentik().assertNoContractViolations();
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aMemberRequestsInTheLobbyAndAnAdminApprovesByReactionInTheEncryptedAdminsRoom() throws Exception {
        String script = String.join("\n",
                "/as bob",
                "/room lobby",
                "!request \"Jane Smith\" media-users --reason \"my sister\"",
                "!request joe@example.com",
                "/as admin",
                "/room admins",
                "!requests",
                "/react 1 ✅",
                "!deny 2 we have not met him",
                "/wait 2",
                "/quit",
                "");
        String transcript = transcriptOf(script);

        assertThat(transcript)
                .contains("[#lobby] invitebot: Request #1 for Jane Smith (groups: media-users) went to the admins")
                .contains("[#admins, encrypted] invitebot: Invitation request #1 from @bob:example.org for Jane Smith")
                .contains("2 requests waiting for a decision")
                .contains("[#admins] @admin:example.org reacted ✅ to request #1")
                .contains("[#admins, encrypted] invitebot (in the command's thread): Approved request #1 of @bob:example.org")
                .contains("[#lobby] invitebot: Your request #1 for Jane Smith was approved by @admin:example.org")
                .contains("[DM, encrypted] invitebot: Enrollment link for jane-smith-" + MONTH)
                .contains("[#lobby] invitebot: Your request #2 for j***@example.com was denied by @admin:example.org:"
                        + " \u201cwe have not met him\u201d")
                .doesNotContain("no answer from the bot");
    }
}
