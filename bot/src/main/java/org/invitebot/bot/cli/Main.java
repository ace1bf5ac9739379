package org.invitebot.bot.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code invitebot run | demo}: the command-line entry point. */
@Command(name = "invitebot",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Creates Authentik invitations from chat commands.",
        subcommands = {RunCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** For tests: runs with the given streams in place of stdout and stderr. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Main()).setOut(out).setErr(err).execute(args);
    }
}
