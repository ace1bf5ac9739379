package org.invitebot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar bench/target/invitebot-bench.jar}: see the README's "Benchmark" section. */
@Command(name = "invitebot-bench", mixinStandardHelpOptions = true,
        description = "Runs the packaged bot against the stand-ins with injected upstream latency and prints a markdown table.")
public final class Benchmark implements Callable<Integer> {

    @Option(names = "--bot-jar", description = "the packaged bot (default: ${DEFAULT-VALUE})")
    Path botJar = Path.of("bot", "target", "invitebot.jar");

    @Option(names = "--latency-ms", split = ",", description = "upstream latencies to run with (default: ${DEFAULT-VALUE})")
    List<Integer> latencies = List.of(0, 20);

    @Option(names = "--commands", description = "commands per phase (default: ${DEFAULT-VALUE})")
    int commands = 1000;

    @Option(names = "--warmup", description = "unmeasured commands first (default: ${DEFAULT-VALUE})")
    int warmup = 200;

    @Option(names = "--rooms", description = "rooms the commands come from (default: ${DEFAULT-VALUE})")
    int rooms = 10;

    @Option(names = "--idle-seconds", description = "how long to measure the idle bot's CPU (default: ${DEFAULT-VALUE})")
    int idleSeconds = 60;

    @Option(names = "--think-ms", description = "pause after each reply when sending one at a time (default: ${DEFAULT-VALUE})")
    int thinkMs = 10;

    @Option(names = "--encrypted-commands", description = "commands per room in the encrypted-room phase at L = 0; 0 skips it "
            + "(default: ${DEFAULT-VALUE})")
    int encryptedCommands = 300;

    @Option(names = "--timeline", description = "print the requests around the median and the 99th percentile command, to see where their time goes")
    boolean timeline;

    @Option(names = "--jvm-options", split = " ", description = "options for the bot's JVM (default: ${DEFAULT-VALUE})")
    List<String> jvmOptions = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx96m", "-XX:-UsePerfData");

    @Option(names = "--cds", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "start the measured bots from a class-data archive that a training run writes first, as the Docker "
                    + "image does; --no-cds starts them without (default: ${DEFAULT-VALUE})")
    boolean cds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(botJar)) {
            System.err.println("no bot jar at " + botJar.toAbsolutePath() + "; build it first: ./mvnw -q -DskipTests package");
            return 2;
        }
        Settings settings = new Settings(botJar, jvmOptions, commands, warmup, rooms, Duration.ofSeconds(idleSeconds),
                Duration.ofMillis(thinkMs), timeline);
        Optional<Duration> withoutArchive = Optional.empty();
        if (cds) {
            Path dir = BenchRun.tempDir();
            Path archive = dir.resolve("invitebot.jsa");
            System.err.println("training run, writing the class-data archive " + archive);
            withoutArchive = Optional.of(new BenchRun(settings.training().withJvmOptions("-XX:ArchiveClassesAtExit=" + archive),
                    Duration.ZERO, dir).run().firstSync());
            settings = settings.withJvmOptions("-XX:SharedArchiveFile=" + archive);
        }
        List<RunResult> results = new ArrayList<>();
        for (int latency : latencies) {
            results.add(new BenchRun(settings, Duration.ofMillis(latency), BenchRun.tempDir()).run());
        }
        Optional<EncryptedResult> encrypted = encryptedCommands > 0
                ? Optional.of(new EncryptedRun(settings, encryptedCommands, BenchRun.tempDir()).run()) : Optional.empty();
        System.out.println(new Report(settings, results, withoutArchive, HttpFloor.median(), encrypted).markdown());
        return 0;
    }
}
