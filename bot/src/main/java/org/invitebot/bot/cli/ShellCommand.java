package org.invitebot.bot.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.Optional;
import java.util.concurrent.Callable;

import okhttp3.OkHttpClient;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import org.invitebot.bot.CoreServices;
import org.invitebot.bot.StartupException;
import org.invitebot.bot.text.CommandParser;
import org.invitebot.bot.text.ParseResult;
import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.invite.Outcome;
import org.invitebot.core.invite.RetryWindow;

/**
 * A chat command run from a shell, for scripting: the same grammar, policy and Authentik calls as in
 * chat, acting as the bot's own Authentik account. Exit code 0 when done, 3 when refused, 1 on failure,
 * 2 for a bad configuration.
 */
abstract class ShellCommand implements Callable<Integer> {

    static final int REFUSED = 3;

    @Mixin
    ConfigFile config;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    /** The chat command's name, without prefix. */
    abstract String name();

    /** The arguments as the shell passed them. */
    abstract List<String> arguments();

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
        String prefix = loaded.matrix().commandPrefix();
        String message = ShellWords.asMessage(prefix, name(), arguments());
        ParseResult parsed = new CommandParser(prefix).parse(message);
        ShellOutput output = new ShellOutput(new ReplyText(prefix, Clock.systemUTC()), json);
        if (!(parsed instanceof ParseResult.Parsed command)) {
            String error = parsed instanceof ParseResult.Malformed malformed ? malformed.error() : "not a command: " + message;
            out.println(output.render(new Outcome.Refused(error)));
            out.flush();
            return REFUSED;
        }
        try (CoreServices core = CoreServices.open(loaded, new OkHttpClient(), Clock.systemUTC(), RetryWindow.standard())) {
            Outcome outcome = core.handler().handle("shell-" + UUID.randomUUID(), new Principal.Operator(core.botAccount()),
                    command.command(), (fault, retryingFor) -> err.println("invitebot: " + fault + "; retrying"));
            out.println(output.render(outcome));
            out.flush();
            return exitCode(outcome);
        } catch (StartupException e) {
            err.println("invitebot: " + e.getMessage());
            err.flush();
            return RunCommand.STARTUP_ERROR;
        }
    }

    private static int exitCode(Outcome outcome) {
        if (outcome instanceof Outcome.Failed || outcome instanceof Outcome.NotDelivered) {
            return RunCommand.STARTUP_ERROR;
        }
        if (outcome instanceof Outcome.Refused || outcome instanceof Outcome.NotAuthorised
                || outcome instanceof Outcome.Ambiguous || outcome instanceof Outcome.RequestAlreadyDecided) {
            return REFUSED;
        }
        return 0;
    }
}
