package org.invitebot.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command's time into what the upstreams spent and what the bot spent. Valid while one
 * command is under way at a time, as in the benchmark's sequential phase.
 */
final class UpstreamLedger {

    private final List<Call> calls;
    private final List<Call> syncsByAnswer;

    UpstreamLedger(List<Call> calls) {
        this.calls = List.copyOf(calls);
        this.syncsByAnswer = calls.stream().filter(Call::isSync).sorted(Comparator.comparing(Call::answeredAt)).toList();
    }

    /**
     * The upstream time counts the {@code /sync} that handed the command over (from the moment the
     * command was there) and every other request of the bot during the command, except the long polls
     * that follow and the follow-up watcher's polls, which wait beside the command rather than for it.
     */
    CommandSample sample(Instant sent, Instant replied) {
        Interval window = new Interval(sent, replied);
        List<Call> during = calls.stream()
                .filter(call -> !call.isSync() && !call.isEventPoll())
                .filter(call -> call.receivedAt().isBefore(replied) && call.answeredAt().isAfter(sent))
                .toList();
        List<Interval> upstream = new ArrayList<>(during.stream().map(Call::interval).toList());
        delivery(sent).ifPresent(sync -> upstream.add(new Interval(
                sync.receivedAt().isAfter(sent) ? sync.receivedAt() : sent, sync.answeredAt())));
        return new CommandSample(sent, replied, Interval.covered(upstream, window),
                (int) during.stream().filter(call -> call.upstream() == Call.Upstream.AUTHENTIK).count(),
                (int) during.stream().filter(Call::isCacheFill).count(),
                (int) during.stream().filter(Call::isMatrixSend).count());
    }

    /** The first {@code /sync} answered after the command arrived: the one that carried it. */
    private Optional<Call> delivery(Instant sent) {
        return syncsByAnswer.stream().filter(sync -> sync.answeredAt().isAfter(sent)).findFirst();
    }
}
