package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.testbed.authentik.StoredInvitation;
import org.invitebot.testbed.signal.ReceiveMode;
import org.invitebot.testbed.signal.SentMessage;

/** SPEC §2 {@code --signal} and commands over Signal, against the signal-cli-rest-api stand-in in each receive mode. */
class SignalTest {

    private static final String JANE_PHONE = "+15551234567";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path state;
    private RunningBot bot;

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void theLinkGoesToThePhoneAndTheRoomSeesOnlyTheMaskedNumber() throws Exception {
        bot = RunningBot.start(state, ReceiveMode.JSON_RPC);

        String reply = bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN,
                "!invite \"Jane Smith\" 48h media-users --signal " + JANE_PHONE);

        StoredInvitation invitation = bot.authentik().invitations().get(0);
        assertThat(bot.signal().sentTo(JANE_PHONE)).singleElement().satisfies(message -> {
            assertThat(message.number()).isEqualTo(DemoWorld.BOT_PHONE);
            assertThat(message.textMode()).isEqualTo("normal");
            assertThat(message.message()).contains("Jane Smith", DemoWorld.ADMIN, "?itoken=" + invitation.pk(), "works once");
        });
        assertThat(reply).contains("link sent over Signal to +1555***4567").doesNotContain(JANE_PHONE, "itoken");
        assertThat(bot.botMessages(bot.world().adminsRoom())).hasSize(1);
    }

    @Test
    void aReissuedInvitationGoesToTheSamePhone() throws Exception {
        bot = RunningBot.start(state, ReceiveMode.JSON_RPC);
        String admins = bot.world().adminsRoom();
        bot.ask(admins, DemoWorld.ADMIN, "!invite \"Jane Smith\" 48h --signal " + JANE_PHONE);
        StoredInvitation first = bot.authentik().invitations().get(0);

        String reply = bot.ask(admins, DemoWorld.ADMIN, "!reissue " + first.name());

        StoredInvitation second = bot.authentik().invitations().get(0);
        assertThat(bot.authentik().invitations()).containsExactly(second);
        assertThat(second.pk()).isNotEqualTo(first.pk());
        assertThat(reply).contains("Revoked " + first.name(), "link sent over Signal to +1555***4567").doesNotContain("itoken");
        assertThat(bot.signal().sentTo(JANE_PHONE)).extracting(SentMessage::message)
                .satisfiesExactly(message -> assertThat(message).contains("?itoken=" + first.pk()),
                        message -> assertThat(message).contains("?itoken=" + second.pk()));
    }

    @Test
    void anUntrustedIdentityIsReportedAndTheInvitationRevoked() throws Exception {
        bot = RunningBot.start(state, ReceiveMode.JSON_RPC);
        bot.signal().setUntrustedIdentity(JANE_PHONE, true);

        String reply = bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!invite \"Jane Smith\" --signal " + JANE_PHONE);

        assertThat(reply).contains("Could not send the link", "safety number of +1555***4567", "revoked")
                .doesNotContain(JANE_PHONE, DemoWorld.BOT_PHONE);
        assertThat(bot.authentik().invitations()).isEmpty();
        assertThat(bot.signal().sent()).isEmpty();
    }

    @Test
    void aNumberNotOnSignalKeepsTheInvitationWhenTheAdminAskedForTheLinkToo() throws Exception {
        bot = RunningBot.start(state, ReceiveMode.JSON_RPC);
        bot.signal().setUnregistered(JANE_PHONE);

        String reply = bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!invite \"Jane Smith\" --signal " + JANE_PHONE
                + " --link");

        assertThat(reply).contains("+1555***4567 is not on Signal", "The invitation stays", "?itoken=");
        assertThat(bot.authentik().invitations()).hasSize(1);
    }

    @Test
    void aRateLimitTellsTheOperatorWhatToDo() throws Exception {
        bot = RunningBot.start(state, ReceiveMode.JSON_RPC);
        bot.signal().rateLimitNextSends(1);

        String reply = bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!invite \"Jane Smith\" --signal " + JANE_PHONE);

        assertThat(reply).contains("rate-limiting", "captcha", "rate-limit-challenge").doesNotContain(DemoWorld.BOT_PHONE);
        assertThat(bot.authentik().invitations()).isEmpty();
    }

    @Test
    void anUnreachableServiceIsReportedAndTheInvitationRevoked() throws Exception {
        bot = RunningBot.start(state, ReceiveMode.NORMAL);
        bot.signal().setAvailable(false);

        String reply = bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!invite \"Jane Smith\" --signal " + JANE_PHONE);

        assertThat(reply).contains("signal-cli-rest-api did not answer", "revoked");
        assertThat(bot.authentik().invitations()).isEmpty();
        bot.signal().setAvailable(true);
    }

    @Test
    void aPhoneNumberThatIsNotInternationalIsRefusedBeforeAnythingIsCreated() throws Exception {
        bot = RunningBot.start(state, ReceiveMode.JSON_RPC);

        String reply = bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!invite \"Jane Smith\" --signal 555-1234");

        assertThat(reply).contains("international form like +15551234567");
        assertThat(bot.authentik().invitations()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ReceiveMode.class)
    void aSignalAdminInvitesAndIsAnsweredOverSignal(ReceiveMode mode) throws Exception {
        bot = RunningBot.start(state, mode);
        assertThat(bot.signal().awaitReceiver(WAIT)).isTrue();

        bot.signal().deliver(DemoWorld.ADMIN_PHONE, "!invite jane@example.com 7d media-users");

        assertThat(bot.signal().awaitSent(message -> message.recipients().contains(DemoWorld.ADMIN_PHONE), WAIT)).isTrue();
        assertThat(bot.authentik().invitations()).singleElement()
                .satisfies(invitation -> assertThat(invitation.fixedData()).containsEntry("email", "jane@example.com"));
        assertThat(bot.signal().sentTo(DemoWorld.ADMIN_PHONE)).singleElement().extracting(SentMessage::message).asString()
                .contains("email on its way to j***@example.com", "media-users");
    }

    @ParameterizedTest
    @EnumSource(ReceiveMode.class)
    void anUnknownNumberIsIgnoredAndAudited(ReceiveMode mode) throws Exception {
        bot = RunningBot.start(state, mode);
        assertThat(bot.signal().awaitReceiver(WAIT)).isTrue();

        bot.signal().deliver("+15559998888", "!invite mallory@example.com");
        bot.signal().deliver(DemoWorld.ADMIN_PHONE, "!help");

        assertThat(bot.signal().awaitSent(message -> message.recipients().contains(DemoWorld.ADMIN_PHONE), WAIT)).isTrue();
        assertThat(bot.signal().sentTo("+15559998888")).isEmpty();
        assertThat(bot.authentik().invitations()).isEmpty();
        assertThat(bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!audit 5")).contains("+1555***8888", "ignored");
    }

    @Test
    void aMessageDeliveredTwiceIsAnsweredOnceAndTheSocketIsReopenedWhenItDrops() throws Exception {
        bot = RunningBot.start(state, ReceiveMode.JSON_RPC);
        assertThat(bot.signal().awaitReceiver(WAIT)).isTrue();
        long sent = bot.signal().deliver(DemoWorld.ADMIN_PHONE, "!invite jane@example.com");
        assertThat(bot.signal().awaitSent(message -> message.recipients().contains(DemoWorld.ADMIN_PHONE), WAIT)).isTrue();

        bot.signal().dropReceivers();
        assertThat(bot.signal().awaitReceiver(WAIT)).as("the bot reconnects").isTrue();
        bot.signal().redeliver(DemoWorld.ADMIN_PHONE, sent, "!invite jane@example.com");
        bot.signal().deliver(DemoWorld.ADMIN_PHONE, "!whoami");

        assertThat(bot.signal().awaitSent(message -> message.message().contains("Authentik user"), WAIT)).isTrue();
        assertThat(bot.authentik().invitations()).hasSize(1);
        assertThat(bot.signal().sentTo(DemoWorld.ADMIN_PHONE)).hasSize(2);
    }
}
