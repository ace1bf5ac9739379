package org.invitebot.bot.cli;

import java.io.PrintWriter;
import java.time.Clock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.invitebot.bot.matrix.e2ee.Encryption;
import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.authz.MatrixId;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.store.StateStore;

/**
 * {@code !trust} from the shell: for when no other admin is at hand to confirm an admin's new encryption identity.
 * Works on the state file, with the bot running or not. Exit codes as the other shell commands.
 */
@Command(name = "trust", description = "Confirms that a Matrix user's changed encryption identity is theirs, like !trust"
        + " in chat. Example: invitebot trust @jane:example.org")
final class TrustCommand extends StateFileCommand {

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Parameters(paramLabel = "USER", description = "the Matrix user, like @jane:example.org")
    String user;

    @Override
    int run(InvitebotConfig loaded, StateStore store, PrintWriter out, PrintWriter err) {
        ReplyText text = new ReplyText(loaded.matrix().commandPrefix(), Clock.systemUTC());
        if (MatrixId.parse(user).isEmpty()) {
            print(out, "refused", "a Matrix user ID looks like @jane:example.org, not \"" + user + "\"");
            return ShellCommand.REFUSED;
        }
        if (Encryption.acknowledgeIdentity(store, Clock.systemUTC(), user, "shell")) {
            print(out, "confirmed", text.identityConfirmed(user).body());
            return 0;
        }
        print(out, "refused", text.noIdentityChange(user).body());
        return ShellCommand.REFUSED;
    }

    private void print(PrintWriter out, String outcome, String message) {
        out.println(json ? JsonNodeFactory.instance.objectNode().put("outcome", outcome).put("reason", message).toString() : message);
        out.flush();
    }
}
