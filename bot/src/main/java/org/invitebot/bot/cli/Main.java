package org.invitebot.bot.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code invitebot run | check | demo | invite | invites | revoke}: the command-line entry point. */
@Command(name = "invitebot",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Creates Authentik invitations from chat commands.",
        subcommands = {RunCommand.class, CheckCommand.class, DemoCommand.class, InviteCommand.class, InvitesCommand.class, RevokeCommand.class, RequestsCommand.class, ApproveCommand.class, DenyCommand.class, TrustCommand.class, VerifyDeviceCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs a command line with the given streams in place of stdout and stderr; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /** Flags picocli does not know ({@code --link}, {@code --multi}) are the chat command's, passed on in order. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setUnmatchedOptionsArePositionalParams(true);
    }
}
