package org.invitebot.bot.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.invitebot.bot.matrix.HttpMatrixClient;
import org.invitebot.bot.matrix.MatrixException;
import org.invitebot.bot.matrix.e2ee.Encryption;
import org.invitebot.bot.matrix.e2ee.PickleKey;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.store.StateStore;
import org.invitebot.core.store.StoreException;

/**
 * The operator vouches for another login of the bot's account (e.g. Element, to read what the bot read): the bot
 * signs that device with its self-signing key, so clients show it verified and the bot forwards it the room keys it
 * asks for. No one else gets keys from the bot.
 */
@Command(name = "verify-device", description = "Signs another device of the bot's own account with the bot's cross-signing"
        + " keys: it then shows as verified and gets the room keys it asks the bot for. Example: invitebot verify-device ABCDEFGHIJ")
final class VerifyDeviceCommand implements Callable<Integer> {

    @Mixin
    ConfigFile config;

    @Parameters(paramLabel = "DEVICE", description = "the device ID of the other login (Element: Settings, Sessions)")
    String device;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Logging.quiet();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<InvitebotConfig> valid = config.load(err);
        if (valid.isEmpty()) {
            return RunCommand.CONFIG_ERROR;
        }
        InvitebotConfig loaded = valid.get();
        String user = loaded.matrix().userId();
        HttpMatrixClient matrix = new HttpMatrixClient(HttpUrl.get(loaded.matrix().homeserver().toString()), user,
                loaded.matrix().accessToken(), new OkHttpClient());
        try (StateStore store = StateStore.open(loaded.state().path(), Clock.systemUTC())) {
            if (Encryption.storedDevice(store).isEmpty()) {
                err.println("invitebot: the state file holds no encryption identity yet: start the bot once first");
                err.flush();
                return ShellCommand.REFUSED;
            }
            byte[] pickleKey = PickleKey.resolve(loaded.matrix().encryption().pickleKey(), loaded.state().path());
            Optional<String> refused = Encryption.verifyOwnDevice(matrix, store, pickleKey, user, device);
            if (refused.isPresent()) {
                err.println("invitebot: device " + device + " was not signed: " + refused.get());
                err.flush();
                return ShellCommand.REFUSED;
            }
            out.println("Device " + device + " of " + user + " is signed by the bot's cross-signing keys: it shows as verified"
                    + " and gets the room keys it asks the bot for.");
            out.flush();
            return 0;
        } catch (StoreException | MatrixException e) {
            err.println("invitebot: " + e.getMessage());
            err.flush();
            return RunCommand.STARTUP_ERROR;
        }
    }
}
