package org.invitebot.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import picocli.CommandLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code --help} and {@code -h} on every command print its usage without reading a configuration; chat flags pass through. */
class CommandHelpTest {

    @TempDir
    Path dir;

    static Stream<Arguments> everyCommandWithEachHelpFlag() {
        return Main.commandLine().getSubcommands().keySet().stream()
                .flatMap(command -> Stream.of("--help", "-h").map(flag -> Arguments.of(command, flag)));
    }

    @ParameterizedTest(name = "invitebot {0} {1}")
    @MethodSource("everyCommandWithEachHelpFlag")
    void helpPrintsTheUsageAndExitsZeroWithNoConfigurationPresent(String command, String flag) {
        // a --config that does not exist, so reading it would fail; and the default invitebot.yaml is not in the test's directory
        Path missing = dir.resolve("missing.yaml");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), command, flag);
        int exitWithConfig = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err),
                command.equals("help") || command.equals("demo") ? new String[] {command, flag}
                        : new String[] {command, "--config", missing.toString(), flag});

        assertThat(exit).as(err.toString()).isZero();
        assertThat(exitWithConfig).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Usage: invitebot " + command + " ", "-h, --help");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyCommandIsCovered() {
        assertThat(Main.commandLine().getSubcommands().keySet())
                .contains("run", "check", "demo", "invite", "invites", "revoke", "help");
    }

    @Test
    void theChatGrammarsFlagsReachTheInviteCommandInOrder() {
        CommandLine line = Main.commandLine();
        List<String> chatWords = List.of("Jane Smith", "48h", "ai-users", "--link", "--multi", "--name-of", "Jane S",
                "--signal", "+15551234567", "--frobnicate");
        String[] args = Stream.concat(Stream.of("invite", "--json"), chatWords.stream()).toArray(String[]::new);

        CommandLine.ParseResult parsed = line.parseArgs(args);

        InviteCommand invite = (InviteCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(invite.words).containsExactlyElementsOf(chatWords);
        assertThat(invite.json).isTrue();
        assertThat(parsed.subcommand().isUsageHelpRequested()).isFalse();
    }

    @Test
    void aChatFlagPassesThroughToTheChatParsersJudgement() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // no configuration: the flag is not picocli's to refuse, so the shell command gets as far as reading the file
        int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), "invite", "--config", dir.resolve("missing.yaml").toString(),
                "jane@example.com", "7d", "--signal", "+15551234567", "--link");

        assertThat(exit).isEqualTo(RunCommand.CONFIG_ERROR);
        assertThat(err.toString()).contains("missing.yaml is not valid").doesNotContain("Unknown option", "Usage:");
    }
}
