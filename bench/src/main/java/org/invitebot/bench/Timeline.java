package org.invitebot.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The bot's requests around one command, in microseconds from the moment it was sent. */
final class Timeline {

    private static final Duration MARGIN = Duration.ofMillis(20);

    private Timeline() {
    }

    static String of(Instant sent, Instant replied, List<Call> calls) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "command sent at 0 µs, reply at %d µs%n",
                micros(sent, replied)));
        calls.stream()
                .filter(call -> call.answeredAt().isAfter(sent.minus(MARGIN)) && call.receivedAt().isBefore(replied.plus(MARGIN)))
                .sorted(Comparator.comparing(Call::receivedAt))
                .forEach(call -> out.append(String.format(Locale.ROOT, "  %9d .. %9d µs  %s %s%n", micros(sent, call.receivedAt()),
                        micros(sent, call.answeredAt()), call.upstream(), call.what())));
        return out.toString();
    }

    private static long micros(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1000;
    }
}
