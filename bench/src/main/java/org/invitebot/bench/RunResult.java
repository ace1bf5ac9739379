package org.invitebot.bench;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one latency setting measured.
 *
 * @param sequential    one sample per command of the sequential phase
 * @param cpuPerCommand the bot's CPU time over the sequential phase, all threads, per command
 * @param standInCpuPerCommand the same for the benchmark's own JVM, where the stand-ins run
 * @param totals     the bot's requests over the sequential phase
 * @param burst      command → reply of every command of the burst phase
 * @param burstSpan  from the burst's first command to its last reply
 */
record RunResult(Duration latency, Duration firstSync, List<CommandSample> sequential, Duration cpuPerCommand, Duration standInCpuPerCommand,
        Totals totals,
        List<Duration> burst, Duration burstSpan, Duration idleCpu, Duration idleWindow, OptionalLong rssAfterRun) {

    /** Request counts over a phase; the follow-up watcher's event polls apart from the rest. */
    record Totals(long authentikCalls, long eventPolls, long matrixSends, long matrixCalls) {

        static Totals of(List<Call> calls) {
            return new Totals(
                    calls.stream().filter(call -> call.upstream() == Call.Upstream.AUTHENTIK && !call.isEventPoll()).count(),
                    calls.stream().filter(Call::isEventPoll).count(),
                    calls.stream().filter(Call::isMatrixSend).count(),
                    calls.stream().filter(call -> call.upstream() == Call.Upstream.MATRIX).count());
        }
    }

    double commandsPerSecond() {
        return burst.size() / (burstSpan.toNanos() / 1e9);
    }

    /** Idle CPU as a share of one core. */
    double idleCpuPercent() {
        return 100.0 * idleCpu.toNanos() / idleWindow.toNanos();
    }
}
