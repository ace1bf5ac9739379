package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.cli.Main;
import org.invitebot.bot.demo.DemoDevice;
import org.invitebot.bot.demo.DemoWorld;

/**
 * Encrypted rooms, part 2: the bot's device verified by its own cross-signing keys, and commands acted on only
 * from devices their owners verified (matrix.encryption.trust), with identity changes held until an admin confirms.
 */
class DeviceTrustTest {

    private static final String MONTH = YearMonth.now(ZoneOffset.UTC).toString();

    @TempDir
    Path dir;

    @Test
    void theBotsDeviceCarriesASelfSigningSignatureWhoseChainToTheMasterKeyVerifiesInLibolm() throws Exception {
        try (RunningBot bot = RunningBot.start(dir)) {
            JsonNode keys = bot.homeserver().crossSigningKeys(DemoWorld.BOT);
            String master = onlyKey(keys.path("master_keys"));
            String selfSigning = onlyKey(keys.path("self_signing_keys"));
            String device = bot.homeserver().devicesOf(DemoWorld.BOT).get(0);
            JsonNode deviceKeys = bot.homeserver().deviceKeys(DemoWorld.BOT, device).orElseThrow();

            try (NioAdmin libolm = NioAdmin.start(bot.homeserver().baseUrl(), DemoWorld.ADMIN, "NIOADMIN",
                    bot.homeserver().addDevice(DemoWorld.ADMIN, "NIOADMIN"), Files.createDirectories(dir.resolve("nio")),
                    dir.resolve("nio.log"))) {
                assertThat(verified(libolm, keys.path("self_signing_keys"), master)).as("master → self-signing").isTrue();
                assertThat(verified(libolm, deviceKeys, selfSigning)).as("self-signing → the bot's device").isTrue();
                assertThat(verified(libolm, keys.path("master_keys"), deviceKeys.path("keys").path("ed25519:" + device).asText(), device))
                        .as("the device vouches for its master key").isTrue();
                assertThat(verified(libolm, deviceKeys, master)).as("a control: the master key did not sign the device").isFalse();
            }

            bot.restartBot();
            assertThat(bot.homeserver().crossSigningKeys(DemoWorld.BOT)).as("a restart keeps the keys").isEqualTo(keys);
        }
    }

    @Test
    void withCrossSignedTrustOnlyAVerifiedDeviceOfAnAdminMayInviteAndTheRefusalIsAudited() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = encryptedAdminRoom(bot);
            bot.startBot();
            DemoDevice verified = device(bot, DemoWorld.ADMIN, "PHONE").crossSign();
            DemoDevice unverified = device(bot, DemoWorld.ADMIN, "LAPTOP");

            assertThat(bot.askEncrypted(verified, admins, "!invite jane@example.com 7d media-users"))
                    .contains("Invitation jane-" + MONTH + " created");
            String refused = bot.askEncrypted(unverified, admins, "!invite joe@example.com 7d media-users");

            assertThat(refused).contains("I did nothing with this command", "your device LAPTOP is not verified");
            assertThat(bot.authentik().invitations()).hasSize(1);
            assertThat(bot.askEncrypted(verified, admins, "!audit")).contains("encrypted command  refused", "LAPTOP is not verified");
        }
    }

    @Test
    void withTrustAnyAnUnverifiedDeviceOfAnAdminMayInvite() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = encryptedAdminRoom(bot);
            bot.startBot(RunningBot.ANY_DEVICE);
            DemoDevice unverified = device(bot, DemoWorld.ADMIN, "LAPTOP");

            assertThat(bot.askEncrypted(unverified, admins, "!invite joe@example.com 7d media-users"))
                    .contains("Invitation joe-" + MONTH + " created");
        }
    }

    @Test
    void aChangedMasterKeyBlocksTheAdminsEncryptedCommandsUntilAnotherAdminConfirmsIt() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = encryptedAdminRoom(bot);
            bot.startBot();
            DemoDevice admin = device(bot, DemoWorld.ADMIN, "PHONE").crossSign();
            DemoDevice carol = device(bot, DemoWorld.CAROL, "CAROLS").crossSign();
            assertThat(bot.askEncrypted(admin, admins, "!whoami")).contains("Authentik user admin");

            bot.homeserver().setPassword(DemoWorld.ADMIN, "correct horse");
            admin.resetCrossSigning("correct horse");
            String blocked = bot.askEncrypted(admin, admins, "!invite jane@example.com 7d media-users");

            assertThat(blocked).contains("cross-signing identity of " + DemoWorld.ADMIN + " changed", "!trust " + DemoWorld.ADMIN);
            assertThat(bot.askEncrypted(admin, admins, "!trust " + DemoWorld.ADMIN)).as("not by the admin whose identity changed")
                    .contains("I did nothing with this command");
            assertThat(bot.askEncrypted(carol, admins, "!trust " + DemoWorld.ADMIN))
                    .contains("Confirmed: the new encryption identity of " + DemoWorld.ADMIN);
            assertThat(bot.askEncrypted(admin, admins, "!invite jane@example.com 7d media-users"))
                    .contains("Invitation jane-" + MONTH + " created");
            assertThat(bot.authentik().invitations()).hasSize(1);
            assertThat(bot.askEncrypted(carol, admins, "!audit")).contains("trust  confirmed  the encryption identity of "
                    + DemoWorld.ADMIN);
        }
    }

    @Test
    void theShellConfirmsAChangedIdentityWhenNoOtherAdminIsAtHand() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = encryptedAdminRoom(bot);
            bot.startBot();
            DemoDevice admin = device(bot, DemoWorld.ADMIN, "PHONE").crossSign();
            assertThat(bot.askEncrypted(admin, admins, "!whoami")).contains("Authentik user admin");
            bot.homeserver().setPassword(DemoWorld.ADMIN, "correct horse");
            admin.resetCrossSigning("correct horse");
            assertThat(bot.askEncrypted(admin, admins, "!whoami")).contains("identity of " + DemoWorld.ADMIN + " changed");
            Path config = Files.writeString(dir.resolve("invitebot.yaml"), bot.world().configYaml());

            StringWriter out = new StringWriter();
            int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "trust", "--config",
                    config.toString(), DemoWorld.ADMIN);

            assertThat(exit).isZero();
            assertThat(out.toString()).contains("Confirmed: the new encryption identity of " + DemoWorld.ADMIN);
            assertThat(bot.askEncrypted(admin, admins, "!whoami")).contains("Authentik user admin");
            assertThat(Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), "trust",
                    "--config", config.toString(), DemoWorld.ADMIN)).as("nothing left to confirm").isEqualTo(3);
        }
    }

    @Test
    void roomKeysGoOnlyToTheBotsOwnDevicesTheOperatorVerified() throws Exception {
        try (RunningBot bot = RunningBot.prepare(dir)) {
            String admins = encryptedAdminRoom(bot);
            bot.startBot();
            DemoDevice admin = device(bot, DemoWorld.ADMIN, "PHONE").crossSign();
            String command = admin.send(admins, "!whoami");
            assertThat(bot.answerTo(admin, admins, command)).contains("Authentik user admin");
            JsonNode encrypted = bot.homeserver().timeline(admins).stream().filter(event -> event.eventId().equals(command))
                    .findFirst().orElseThrow().content();
            DemoDevice spare = device(bot, DemoWorld.BOT, "SPARE");
            DemoDevice carol = device(bot, DemoWorld.CAROL, "CAROLS").crossSign();

            spare.requestRoomKey(admins, encrypted.path("session_id").asText(), encrypted.path("sender_key").asText(), DemoWorld.BOT);
            carol.requestRoomKey(admins, encrypted.path("session_id").asText(), encrypted.path("sender_key").asText(), DemoWorld.BOT);
            assertThat(bot.askEncrypted(admin, admins, "!whoami")).as("a sync later").contains("Authentik user admin");
            assertThat(spare.decrypt(encrypted)).as("an own device nobody vouched for").isEmpty();

            Path config = Files.writeString(dir.resolve("invitebot.yaml"), bot.world().configYaml());
            StringWriter out = new StringWriter();
            assertThat(Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "verify-device",
                    "--config", config.toString(), "SPARE")).isZero();
            assertThat(out.toString()).contains("Device SPARE of " + DemoWorld.BOT + " is signed by the bot's cross-signing keys");
            spare.requestRoomKey(admins, encrypted.path("session_id").asText(), encrypted.path("sender_key").asText(), DemoWorld.BOT);

            long deadline = System.nanoTime() + RunningBot.REPLY_WAIT.toNanos();
            Optional<JsonNode> read = Optional.empty();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
                read = spare.decrypt(encrypted);
            }
            assertThat(read).as("the verified own device reads the admin's command").get()
                    .satisfies(content -> assertThat(content.path("body").asText()).isEqualTo("!whoami"));
            assertThat(carol.decrypt(encrypted)).as("never another user").isEmpty();
        }
    }

    @Test
    void trustingAUserWithoutAChangedIdentityChangesNothing() throws Exception {
        try (RunningBot bot = RunningBot.start(dir)) {
            assertThat(bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!trust " + DemoWorld.CAROL))
                    .contains(DemoWorld.CAROL + " has no changed encryption identity to confirm");
            assertThat(bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!trust " + DemoWorld.ADMIN))
                    .contains("Another admin must confirm your new encryption identity");
            assertThat(bot.ask(bot.world().adminsRoom(), DemoWorld.BOB, "!trust " + DemoWorld.ADMIN)).contains("not authorised");
            assertThat(bot.ask(bot.world().adminsRoom(), DemoWorld.ADMIN, "!trust jane")).contains("needs a Matrix user ID");
        }
    }

    private static String encryptedAdminRoom(RunningBot bot) {
        String admins = bot.world().adminsRoom();
        bot.homeserver().enableEncryption(admins, DemoWorld.ADMIN);
        return admins;
    }

    private static DemoDevice device(RunningBot bot, String user, String device) {
        return new DemoDevice(bot.homeserver().baseUrl(), user, device, bot.homeserver().addDevice(user, device)).uploadKeys();
    }

    private static String onlyKey(JsonNode keyObject) {
        return keyObject.path("keys").elements().next().asText();
    }

    private static boolean verified(NioAdmin libolm, JsonNode signed, String key) throws Exception {
        return verified(libolm, signed, key, key);
    }

    /** @param keyId what the signature is filed under: the key itself for cross-signing keys, the device ID for a device */
    private static boolean verified(NioAdmin libolm, JsonNode signed, String key, String keyId) throws Exception {
        return libolm.call("verify_signed", "signed", signed, "user", signed.path("user_id").asText(), "key", key, "key_id", keyId)
                .path("valid").asBoolean();
    }
}
