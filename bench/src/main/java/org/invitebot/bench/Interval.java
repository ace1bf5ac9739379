package org.invitebot.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A stretch of time, e.g. while an upstream server was working on one of the bot's requests. */
record Interval(Instant start, Instant end) {

    Interval {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("interval ends before it starts: " + start + " > " + end);
        }
    }

    /**
     * How much of {@code window} the intervals cover together; overlapping intervals count once, so
     * two requests in flight at the same time are not taken for twice the waiting.
     */
    static Duration covered(List<Interval> intervals, Interval window) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval interval : intervals) {
            Instant start = max(interval.start, window.start);
            Instant end = min(interval.end, window.end);
            if (start.isBefore(end)) {
                clipped.add(new Interval(start, end));
            }
        }
        clipped.sort(Comparator.comparing(Interval::start));
        Duration total = Duration.ZERO;
        Instant coveredUntil = window.start;
        for (Interval interval : clipped) {
            Instant start = max(interval.start, coveredUntil);
            if (start.isBefore(interval.end)) {
                total = total.plus(Duration.between(start, interval.end));
                coveredUntil = interval.end;
            }
        }
        return total;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
