package org.invitebot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class UpstreamLedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private static Instant at(double millis) {
        return T0.plusNanos((long) (millis * 1_000_000));
    }

    private static Call authentik(String what, double from, double to) {
        return new Call(Call.Upstream.AUTHENTIK, what, at(from), at(to));
    }

    private static Call matrix(String what, double from, double to) {
        return new Call(Call.Upstream.MATRIX, what, at(from), at(to));
    }

    @Test
    void overlappingIntervalsCountOnceAndOnlyInsideTheWindow() {
        List<Interval> intervals = List.of(new Interval(at(-5), at(2)), new Interval(at(1), at(3)), new Interval(at(6), at(8)),
                new Interval(at(9), at(20)));
        assertThat(Interval.covered(intervals, new Interval(at(0), at(10)))).isEqualTo(Duration.ofMillis(3 + 2 + 1));
    }

    @Test
    void theBotsOwnTimeIsWhatNoUpstreamWorkedOn() {
        UpstreamLedger ledger = new UpstreamLedger(List.of(
                matrix("sync", -30, 1),                  // waiting when the command came: counts from 0 to 1
                matrix("sync", 3, 30_000),               // the next long poll waits beside the command
                authentik("GET /api/v3/stages/invitation/invitations/", 3, 5),
                authentik("POST /api/v3/stages/invitation/invitations/", 6, 7),
                authentik("GET /api/v3/events/events/", 4, 9), // the follow-up watcher's poll
                matrix("sendMessage", 9, 10)));

        CommandSample sample = ledger.sample(at(0), at(9.5));

        assertThat(sample.latency()).isEqualTo(Duration.ofMillis(9).plusNanos(500_000));
        assertThat(sample.upstream()).isEqualTo(Duration.ofMillis(1 + 2 + 1).plusNanos(500_000));
        assertThat(sample.overhead()).isEqualTo(Duration.ofMillis(5));
        assertThat(sample.authentikCalls()).isEqualTo(2);
        assertThat(sample.matrixSends()).isEqualTo(1);
        assertThat(sample.cachesWarm()).as("the invitation names were read").isFalse();
    }

    @Test
    void aCommandThatOnlyCreatesRanOnWarmCaches() {
        UpstreamLedger ledger = new UpstreamLedger(List.of(
                matrix("sync", -30, 1),
                authentik("POST /api/v3/stages/invitation/invitations/", 2, 3),
                matrix("sendMessage", 4, 5)));

        CommandSample sample = ledger.sample(at(0), at(5));

        assertThat(sample.authentikCalls()).isEqualTo(1);
        assertThat(sample.cachesWarm()).isTrue();
    }

    @Test
    void aSyncThatStartsAfterTheCommandCountsFromItsStartAndAUserLookupFillsACache() {
        UpstreamLedger ledger = new UpstreamLedger(List.of(
                matrix("sync", -20, -1),
                matrix("sync", 2, 3),
                authentik("GET /api/v3/core/users/", 4, 6),
                authentik("POST /api/v3/stages/invitation/invitations/", 6, 8),
                matrix("sendMessage", 9, 11)));

        CommandSample sample = ledger.sample(at(0), at(10));

        assertThat(sample.upstream()).isEqualTo(Duration.ofMillis(1 + 4 + 1));
        assertThat(sample.authentikCalls()).isEqualTo(2);
        assertThat(sample.cachesWarm()).isFalse();
    }

    @Test
    void percentilesAreNearestRank() {
        List<Duration> values = java.util.stream.IntStream.rangeClosed(1, 200).mapToObj(Duration::ofMillis).toList();
        Percentiles percentiles = new Percentiles(values);
        assertThat(percentiles.at(50)).isEqualTo(Duration.ofMillis(100));
        assertThat(percentiles.at(99)).isEqualTo(Duration.ofMillis(198));
        assertThat(percentiles.at(100)).isEqualTo(Duration.ofMillis(200));
    }
}
