package org.invitebot.bot.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each long-running loop last did its work. A loop that stops beating (stuck, dead, or failing
 * every round) makes the bot unhealthy, so an orchestrator restarts it.
 */
public final class Heartbeats {

    private final Clock clock;
    private final Map<String, Duration> allowed = new ConcurrentHashMap<>();
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public Heartbeats(Clock clock) {
        this.clock = clock;
    }

    /**
     * A loop that must beat at least every {@code within}; it counts as alive from now, so a slow first round does
     * not fail the health check at startup.
     */
    public void expect(String loop, Duration within) {
        allowed.put(loop, within);
        last.put(loop, clock.instant());
    }

    public void beat(String loop) {
        last.put(loop, clock.instant());
    }

    /** How long ago the loop last beat. */
    public Optional<Duration> age(String loop) {
        return Optional.ofNullable(last.get(loop)).map(at -> Duration.between(at, clock.instant()));
    }

    /** @return each late loop with how long ago it beat; empty when all are healthy */
    public Map<String, Duration> late() {
        Map<String, Duration> late = new LinkedHashMap<>();
        allowed.forEach((loop, within) -> age(loop).filter(age -> age.compareTo(within) > 0).ifPresent(age -> late.put(loop, age)));
        return late;
    }
}
