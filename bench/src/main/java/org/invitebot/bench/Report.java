package org.invitebot.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The results as a markdown table: one column per latency, the target and whether it is met. */
final class Report {

    private static final long MB = 1024 * 1024;

    /** A line of the table; {@code met} is empty for a figure without a target. */
    private record Row(String label, Function<RunResult, String> cell, String target, Predicate<RunResult> met) {

        static Row info(String label, Function<RunResult, String> cell) {
            return new Row(label, cell, "", null);
        }
    }

    private final Settings settings;
    private final List<RunResult> results;
    private final Optional<Duration> startWithoutArchive;
    private final Duration httpFloor;
    private final Optional<EncryptedResult> encrypted;

    /**
     * @param startWithoutArchive startup to first sync of the training run that wrote the class-data archive
     * @param httpFloor           the median round trip of an HTTP exchange with a stand-in that does no work
     * @param encrypted           the encrypted-room phase, when it ran
     */
    Report(Settings settings, List<RunResult> results, Optional<Duration> startWithoutArchive, Duration httpFloor,
            Optional<EncryptedResult> encrypted) {
        this.encrypted = encrypted;
        this.settings = settings;
        this.results = List.copyOf(results);
        this.startWithoutArchive = startWithoutArchive;
        this.httpFloor = httpFloor;
    }

    String markdown() {
        List<Row> rows = rows();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "invitebot benchmark: %d `!invite` (email mode) from %d rooms per latency, after %d warm-up "
                        + "commands; bot: `java %s -jar %s`; %d CPUs, Java %s%n%n",
                settings.commands(), settings.rooms(), settings.warmup(), String.join(" ", settings.jvmOptions()),
                settings.botJar().getFileName(), Runtime.getRuntime().availableProcessors(), Runtime.version()));
        out.append("| |");
        results.forEach(result -> out.append(" L = ").append(result.latency().toMillis()).append(" ms |"));
        out.append(" target | met |\n|---|");
        results.forEach(result -> out.append("---|"));
        out.append("---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.label()).append(" |");
            results.forEach(result -> out.append(' ').append(row.cell().apply(result)).append(" |"));
            String met = row.met() == null ? "" : results.stream().allMatch(row.met()) ? "yes" : "**no**";
            out.append(' ').append(row.target()).append(" | ").append(met).append(" |\n");
        }
        out.append("\nL is added by the stand-ins before they handle each request; a `/sync` that is already waiting when a command "
                + "arrives answers without it. Overhead = command → reply minus the time a stand-in was working on one of the bot's "
                + "requests for that command (overlaps counted once). One at a time: the next command " + settings.think().toMillis()
                + " ms after the previous reply. At once: all commands queued in the rooms together.\n");
        out.append("\nThe overhead includes the HTTP plumbing of each request on the command's path (OkHttp and MockWebServer over "
                + "loopback, outside the stand-ins' records): an exchange with a stand-in that does no work takes ")
                .append(millis(httpFloor)).append(" (median) on this machine; a command has one per Authentik call and Matrix send "
                        + "above, and the `/sync` that delivers it.\n");
        startWithoutArchive.ifPresent(start -> out.append("\nThe class-data archive was written by a training run of ")
                .append(settings.training().commands()).append(" commands; that start, without an archive, took ")
                .append(millis(start)).append(" to the first sync.\n"));
        encrypted.ifPresent(result -> out.append(encryptedSection(result)));
        return out.toString();
    }

    /** Encryption's cost, against targets: see docs/benchmark.md for why these. */
    private static String encryptedSection(EncryptedResult r) {
        Duration clearP50 = new Percentiles(overheads(r.clear())).at(50);
        Duration encryptedP50 = new Percentiles(overheads(r.encrypted())).at(50);
        Duration cold = r.firstAnswers().get(0);
        Duration warm = r.firstAnswers().stream().skip(1).max(Duration::compareTo).orElse(cold);
        Duration next = r.nextAnswers().stream().max(Duration::compareTo).orElseThrow();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nEncrypted rooms, L = 0 ms: %d `!invite` one at a time in a clear room, then in an "
                + "encrypted one, from the admin's E2EE device (every answer decrypted and checked)%n%n", r.clear().size()));
        out.append("| | clear room | encrypted room | target | met |\n|---|---|---|---|---|\n");
        out.append("| command → reply, p50 / p99 | ").append(p50p99(r.clear().stream().map(CommandSample::latency).toList()))
                .append(" | ").append(p50p99(r.encrypted().stream().map(CommandSample::latency).toList())).append(" | | |\n");
        out.append("| bot overhead, p50 / p99 | ").append(p50p99(overheads(r.clear()))).append(" | ")
                .append(p50p99(overheads(r.encrypted()))).append(" | encrypted p50 < clear p50 + 5 ms | ")
                .append(met(encryptedP50.compareTo(clearP50.plusMillis(5)) < 0)).append(" |\n");
        out.append("| bot CPU per `!invite` | ").append(millis(r.clearCpu())).append(" | ").append(millis(r.encryptedCpu()))
                .append(" | | |\n");
        out.append("| first answer, room with ").append(EncryptedRun.MEMBER_DEVICES).append(" member devices, new Olm sessions | | ")
                .append(millis(cold)).append(" | < 1000 ms | ").append(met(cold.compareTo(Duration.ofSeconds(1)) < 0)).append(" |\n");
        out.append("| first answer, another such room, Olm sessions reused (worst of ").append(r.firstAnswers().size() - 1)
                .append(") | | ").append(millis(warm)).append(" | < 500 ms | ").append(met(warm.compareTo(Duration.ofMillis(500)) < 0))
                .append(" |\n");
        out.append("| next answer in such a room, key already shared (worst of ").append(r.nextAnswers().size()).append(") | | ")
                .append(millis(next)).append(" | | |\n");
        return out.toString();
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.info("command → reply, p50 / p99 (one at a time)", r -> p50p99(latencies(r))));
        rows.add(new Row("bot overhead, p50 / p99", r -> p50p99(overheads(r)), "< 2 ms / < 10 ms",
                r -> new Percentiles(overheads(r)).at(50).compareTo(Duration.ofMillis(2)) < 0
                        && new Percentiles(overheads(r)).at(99).compareTo(Duration.ofMillis(10)) < 0));
        rows.add(Row.info("bot CPU per `!invite` (all its threads, one at a time)", r -> millis(r.cpuPerCommand())));
        rows.add(Row.info("stand-ins' CPU per `!invite` (same two cores)", r -> millis(r.standInCpuPerCommand())));
        rows.add(new Row("Authentik calls per `!invite`, caches warm", r -> counts(r, true, CommandSample::authentikCalls),
                "exactly 1", r -> cached(r).stream().allMatch(s -> s.authentikCalls() == 1)));
        rows.add(Row.info("Authentik calls per `!invite` that filled a cache (admin, names)",
                r -> counts(r, false, CommandSample::authentikCalls)));
        rows.add(new Row("Matrix sends per `!invite`", r -> counts(r, null, CommandSample::matrixSends), "exactly 1",
                r -> r.sequential().stream().allMatch(s -> s.matrixSends() == 1)));
        rows.add(Row.info("Matrix calls per `!invite`, `/sync` included", r -> perCommand(r, r.totals().matrixCalls())));
        rows.add(Row.info("follow-up watcher's event polls during the run", r -> String.valueOf(r.totals().eventPolls())));
        rows.add(Row.info("commands per second (all at once)", r -> String.format(Locale.ROOT, "%.0f", r.commandsPerSecond())));
        rows.add(Row.info("command → reply, p50 / p99 (all at once)", r -> p50p99(r.burst())));
        rows.add(new Row("startup to first sync", r -> millis(r.firstSync()), "< 1500 ms",
                r -> r.firstSync().compareTo(Duration.ofMillis(1500)) < 0));
        rows.add(new Row("idle CPU over " + settings.idle().toSeconds() + " s (share of one core)",
                r -> String.format(Locale.ROOT, "%.2f %%", r.idleCpuPercent()), "< 1 %", r -> r.idleCpuPercent() < 1.0));
        rows.add(new Row("RSS after the run", r -> r.rssAfterRun().isPresent() ? r.rssAfterRun().getAsLong() / MB + " MB" : "n/a",
                "< 160 MB", r -> r.rssAfterRun().isPresent() && r.rssAfterRun().getAsLong() < 160 * MB));
        return rows;
    }

    private static List<Duration> latencies(RunResult r) {
        return r.sequential().stream().map(CommandSample::latency).toList();
    }

    private static List<Duration> overheads(RunResult r) {
        return overheads(r.sequential());
    }

    private static List<Duration> overheads(List<CommandSample> samples) {
        return samples.stream().map(CommandSample::overhead).toList();
    }

    private static List<CommandSample> cached(RunResult r) {
        return r.sequential().stream().filter(CommandSample::cachesWarm).toList();
    }

    private static String p50p99(List<Duration> values) {
        Percentiles percentiles = new Percentiles(values);
        return millis(percentiles.at(50)) + " / " + millis(percentiles.at(99));
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.2f ms", duration.toNanos() / 1e6);
    }

    private static String perCommand(RunResult r, long total) {
        return String.format(Locale.ROOT, "%.2f", (double) total / r.sequential().size());
    }

    /**
     * How many commands needed how many calls, e.g. "1 (×998)", or "none" when no command was of the kind.
     *
     * @param cached true: only commands authorised from the cache; false: only the others; null: all
     */
    private static String counts(RunResult r, Boolean cached, Function<CommandSample, Integer> calls) {
        Map<Integer, Long> byCount = r.sequential().stream()
                .filter(s -> cached == null || s.cachesWarm() == cached)
                .collect(Collectors.groupingBy(calls, TreeMap::new, Collectors.counting()));
        if (byCount.isEmpty()) {
            return "none";
        }
        return byCount.entrySet().stream().map(e -> e.getKey() + " (×" + e.getValue() + ")").collect(Collectors.joining(", "));
    }
}
