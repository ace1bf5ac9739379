package org.invitebot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** The packaged bot in its own JVM, as an operator runs it, and what the OS says about that process. */
final class BotProcess implements AutoCloseable {

    private final Process process;
    private final Instant startedAt;
    private final Path log;

    private BotProcess(Process process, Instant startedAt, Path log) {
        this.process = process;
        this.startedAt = startedAt;
        this.log = log;
    }

    static BotProcess start(Path jar, List<String> jvmOptions, Path config, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        Instant startedAt = Instant.now();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new BotProcess(process, startedAt, log);
    }

    Instant startedAt() {
        return startedAt;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** User and system CPU time the process has used so far. */
    Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not report a process's CPU time"));
    }

    /** Resident set size in bytes, from {@code /proc} (Linux); empty elsewhere. */
    OptionalLong residentBytes() {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        try {
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The last lines of the bot's output, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
