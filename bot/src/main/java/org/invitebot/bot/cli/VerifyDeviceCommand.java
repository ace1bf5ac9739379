package org.invitebot.bot.cli;

import java.io.PrintWriter;
import java.util.Optional;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import org.invitebot.bot.matrix.HttpMatrixClient;
import org.invitebot.bot.matrix.e2ee.Encryption;
import org.invitebot.bot.matrix.e2ee.PickleKey;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.store.StateStore;

/**
 * The operator vouches for another login of the bot's account (e.g. Element, to read what the bot read): the bot
 * signs that device with its self-signing key, so clients show it verified and the bot forwards it the room keys it
 * asks for. No one else gets keys from the bot.
 */
@Command(name = "verify-device", description = "Signs another device of the bot's own account with the bot's cross-signing"
        + " keys: it then shows as verified and gets the room keys it asks the bot for. Example: invitebot verify-device ABCDEFGHIJ")
final class VerifyDeviceCommand extends StateFileCommand {

    @Parameters(paramLabel = "DEVICE", description = "the device ID of the other login (Element: Settings, Sessions)")
    String device;

    @Override
    int run(InvitebotConfig loaded, StateStore store, PrintWriter out, PrintWriter err) {
        if (Encryption.storedDevice(store).isEmpty()) {
            err.println("invitebot: the state file holds no encryption identity yet: start the bot once first");
            err.flush();
            return ShellCommand.REFUSED;
        }
        String user = loaded.matrix().userId();
        HttpMatrixClient matrix = new HttpMatrixClient(HttpUrl.get(loaded.matrix().homeserver().toString()), user,
                loaded.matrix().accessToken(), new OkHttpClient());
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
    }
}
