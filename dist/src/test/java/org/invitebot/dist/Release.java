package org.invitebot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The release archive, unpacked once per test class, and a way to run its launcher. */
final class Release {

    static final String VERSION = System.getProperty("invitebot.version");

    final Path home;

    private Release(Path home) {
        this.home = home;
    }

    /** Unpacks target/invitebot-VERSION.tar.gz (built by ./mvnw package) with tar, as a user would. */
    static Release unpack(Path dir) throws Exception {
        Path archive = Path.of(System.getProperty("invitebot.archive"));
        assertThat(archive).as("./mvnw package builds the release archive").isRegularFile();
        Ran tar = run(new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", dir.toString()), 60);
        assertThat(tar.exit()).as(tar.output()).isZero();
        return new Release(dir.resolve("invitebot-" + VERSION));
    }

    Path launcher() {
        return home.resolve("bin/invitebot");
    }

    /** bin/invitebot with JAVA_HOME set to the given JDK (or removed when null), plus the given environment. */
    Ran launch(Path javaHome, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder process = new ProcessBuilder(command);
        process.environment().remove("JAVA_OPTS");
        process.environment().remove("JAVA_TOOL_OPTIONS");
        process.environment().remove("STATE_DIRECTORY");
        if (javaHome == null) {
            process.environment().remove("JAVA_HOME");
        } else {
            process.environment().put("JAVA_HOME", javaHome.toString());
        }
        process.environment().putAll(environment);
        return run(process, 120);
    }

    /**
     * {@code bin/invitebot run} as systemd starts it ({@code STATE_DIRECTORY} set), until the bot serves
     * /healthz; then SIGTERM, as {@code systemctl stop} sends.
     *
     * @return what it printed
     */
    String runUntilStarted(Path javaHome, Path config, Path stateDirectory) throws Exception {
        Path output = Files.createTempFile("invitebot-run", ".out");
        ProcessBuilder launch = new ProcessBuilder(launcher().toString(), "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        launch.environment().put("JAVA_HOME", javaHome.toString());
        launch.environment().put("STATE_DIRECTORY", stateDirectory.toString());
        launch.environment().remove("JAVA_OPTS");
        launch.environment().remove("JAVA_TOOL_OPTIONS");
        Process bot = launch.start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.readString(output, StandardCharsets.UTF_8).contains("/healthz and /metrics on http.port")) {
                if (!bot.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the bot did not start: " + Files.readString(output, StandardCharsets.UTF_8));
                }
                Thread.sleep(100);
            }
        } finally {
            bot.destroy();
            assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("the bot stops on SIGTERM").isTrue();
        }
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The JDK running this test. */
    static Path thisJdk() {
        return Path.of(System.getProperty("java.home"));
    }

    static Ran run(ProcessBuilder process, int timeoutSeconds) throws IOException, InterruptedException {
        Path output = Files.createTempFile("invitebot-dist", ".out");
        try {
            Process started = process.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!started.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                started.destroyForcibly();
                throw new AssertionError(process.command() + " did not end within " + timeoutSeconds + " s: "
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Ran(started.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** What a command printed, stdout and stderr together in the order written, and its exit code. */
    record Ran(int exit, String output) {

        List<String> warnings() {
            return output.lines().filter(line -> line.startsWith("WARNING:") || line.contains("[warning]")).toList();
        }
    }
}
