package org.invitebot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/**
 * One latency setting: fresh stand-ins and a fresh bot; a warm-up, then the commands one at a time
 * (latency, overhead, calls per command), then all at once (throughput), then the bot left idle.
 */
final class BenchRun {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    /** A command as sent: its event ID, and the moment just before the homeserver made it visible. */
    private record Sent(String eventId, Instant at) {
    }

    /** When a command was sent and when its reply reached the homeserver. */
    private record Answered(Instant sent, Instant replied) {

        Duration latency() {
            return Duration.between(sent, replied);
        }
    }

    private final Settings settings;
    private final Duration latency;
    private final Path dir;
    private final Clock clock = Clock.systemUTC();
    private int sentSoFar;

    BenchRun(Settings settings, Duration latency, Path dir) {
        this.settings = settings;
        this.latency = latency;
        this.dir = dir;
    }

    RunResult run() throws Exception {
        try (BenchWorld world = BenchWorld.start(settings.rooms())) {
            world.setLatency(latency);
            ReplyWatch watch = new ReplyWatch();
            world.homeserver().addListener(watch);
            Path config = dir.resolve("invitebot.yaml");
            Files.writeString(config, world.configYaml(dir.resolve("invitebot.db")));
            try (BotProcess bot = BotProcess.start(settings.botJar(), settings.jvmOptions(), config, dir.resolve("bot.log"))) {
                Duration firstSync = Duration.between(bot.startedAt(), awaitFirstSync(world, bot));
                progress("bot up, first sync after %d ms; warming up with %d commands", firstSync.toMillis(), settings.warmup());
                sequential(world, watch, bot, "warmup", settings.warmup());

                progress("%d commands one at a time", settings.commands());
                Instant from = clock.instant();
                Duration cpuFrom = bot.cpuTime();
                Duration standInCpuFrom = ownCpuTime();
                List<Answered> answered = sequential(world, watch, bot, "seq", settings.commands());
                Instant to = clock.instant();
                Duration cpuPerCommand = bot.cpuTime().minus(cpuFrom).dividedBy(settings.commands());
                Duration standInCpuPerCommand = ownCpuTime().minus(standInCpuFrom).dividedBy(settings.commands());
                List<Call> calls = world.calls();
                UpstreamLedger ledger = new UpstreamLedger(calls);
                List<CommandSample> samples = answered.stream().map(a -> ledger.sample(a.sent(), a.replied())).toList();
                if (settings.timeline()) {
                    List<Answered> byLatency = answered.stream().sorted(Comparator.comparing(Answered::latency)).toList();
                    for (double p : new double[] {50, 99}) {
                        Answered command = byLatency.get((int) Math.ceil(p / 100 * byLatency.size()) - 1);
                        System.err.print("p" + (int) p + " " + Timeline.of(command.sent(), command.replied(), calls));
                    }
                }
                RunResult.Totals totals = RunResult.Totals.of(calls.stream()
                        .filter(call -> call.receivedAt().isAfter(from) && call.receivedAt().isBefore(to)).toList());

                progress("%d commands at once", settings.commands());
                List<Answered> burst = burst(world, watch, bot);
                List<Duration> burstLatencies = burst.stream().map(Answered::latency).toList();
                Duration burstSpan = Duration.between(burst.stream().map(Answered::sent).min(Comparator.naturalOrder()).orElseThrow(),
                        burst.stream().map(Answered::replied).max(Comparator.naturalOrder()).orElseThrow());
                OptionalLong rss = bot.residentBytes();
                requireInvitations(world, bot);

                progress("idle for %d s", settings.idle().toSeconds());
                Thread.sleep(SETTLE.toMillis());
                Duration cpuBefore = bot.cpuTime();
                long idleFrom = System.nanoTime();
                Thread.sleep(settings.idle().toMillis());
                Duration idleCpu = bot.cpuTime().minus(cpuBefore);
                Duration idleWindow = Duration.ofNanos(System.nanoTime() - idleFrom);
                requireAlive(bot);
                return new RunResult(latency, firstSync, samples, cpuPerCommand, standInCpuPerCommand, totals, burstLatencies, burstSpan, idleCpu, idleWindow, rss);
            }
        }
    }

    /** The answer to the bot's first {@code /sync}: from then on it sees new commands. */
    private Instant awaitFirstSync(BenchWorld world, BotProcess bot) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive(bot);
            var firstSync = world.calls().stream().filter(Call::isSync).map(Call::answeredAt).min(Comparator.naturalOrder());
            if (firstSync.isPresent()) {
                return firstSync.get();
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("the bot did not sync within " + STARTUP_TIMEOUT.toSeconds() + " s; its log:\n"
                + bot.logTail(40));
    }

    private List<Answered> sequential(BenchWorld world, ReplyWatch watch, BotProcess bot, String label, int count)
            throws Exception {
        List<Answered> answered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answered.add(awaitReply(watch, bot, send(world, label, i)));
            Thread.sleep(settings.think().toMillis());
        }
        return answered;
    }

    private List<Answered> burst(BenchWorld world, ReplyWatch watch, BotProcess bot) throws Exception {
        List<Sent> commands = new ArrayList<>();
        for (int i = 0; i < settings.commands(); i++) {
            commands.add(send(world, "burst", i));
        }
        List<Answered> answered = new ArrayList<>();
        for (Sent command : commands) {
            answered.add(awaitReply(watch, bot, command));
        }
        return answered;
    }

    /** An email invitation from the admin, in the rooms by turns. */
    private Sent send(BenchWorld world, String label, int i) {
        sentSoFar++;
        String room = world.rooms().get(i % world.rooms().size());
        Instant at = clock.instant();
        return new Sent(world.homeserver().sendText(room, BenchWorld.ADMIN, "!invite " + label + i + "@example.com 7d media-users"), at);
    }

    private static Answered awaitReply(ReplyWatch watch, BotProcess bot, Sent command) throws InterruptedException {
        try {
            return new Answered(command.at(), watch.awaitReply(command.eventId(), REPLY_TIMEOUT));
        } catch (TimeoutException e) {
            requireAlive(bot);
            throw new IllegalStateException("no reply to " + command.eventId() + " within " + REPLY_TIMEOUT.toSeconds()
                    + " s; the bot's log:\n" + bot.logTail(40));
        }
    }

    /** Every command must have made its invitation, or the figures measure something else. */
    private void requireInvitations(BenchWorld world, BotProcess bot) {
        int made = world.authentik().invitations().size();
        if (made != sentSoFar) {
            throw new IllegalStateException(sentSoFar + " commands made " + made + " invitations; the bot's log:\n"
                    + bot.logTail(40));
        }
    }

    private static void requireAlive(BotProcess bot) {
        if (!bot.isAlive()) {
            throw new IllegalStateException("the bot exited; its log:\n" + bot.logTail(40));
        }
    }

    /** The stand-ins run in this JVM; on two cores their CPU is time the bot cannot have. */
    private static Duration ownCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private void progress(String format, Object... args) {
        System.err.printf("[L=%d ms] %s%n", latency.toMillis(), String.format(format, args));
    }

    static Path tempDir() throws IOException {
        return Files.createTempDirectory("invitebot-bench");
    }
}
