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
    private final Map<String, String> failing = new ConcurrentHashMap<>();

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

    /** The loop completed a round. */
    public void beat(String loop) {
        last.put(loop, clock.instant());
        failing.remove(loop);
    }

    /** The loop's last round failed; it stays unhealthy until a round succeeds. */
    public void failed(String loop, String why) {
        failing.put(loop, why);
    }

    /** How long ago the loop last beat. */
    public Optional<Duration> age(String loop) {
        return Optional.ofNullable(last.get(loop)).map(at -> Duration.between(at, clock.instant()));
    }

    /** @return each unhealthy loop with why: its last round failed, or it has not completed one for too long */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        allowed.forEach((loop, within) -> {
            Optional<Duration> age = age(loop).filter(since -> since.compareTo(within) > 0);
            if (failing.containsKey(loop)) {
                problems.put(loop, "its last round failed: " + failing.get(loop));
            } else if (age.isPresent()) {
                problems.put(loop, "it has not completed a round for " + age.get().toSeconds() + " s");
            }
        });
        return problems;
    }
}
