package org.invitebot.bench;

import java.time.Duration;
import java.util.List;

/** Nearest-rank percentiles of a set of durations. */
final class Percentiles {

    private final List<Duration> sorted;

    Percentiles(List<Duration> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take percentiles of");
        }
        this.sorted = values.stream().sorted().toList();
    }

    /** @param p in (0, 100] */
    Duration at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
