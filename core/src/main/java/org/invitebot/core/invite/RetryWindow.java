package org.invitebot.core.invite;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import org.invitebot.core.port.AuthentikException;

/**
 * How long a command keeps trying while Authentik is down or answering 5xx: exponential backoff with
 * jitter, so a burst of waiting commands does not hit a recovering Authentik in lockstep. Refusals
 * (4xx) are never retried.
 */
public final class RetryWindow {

    private final Duration length;
    private final Duration firstDelay;
    private final Duration longestDelay;

    /** @param length how long to keep trying before giving up */
    public RetryWindow(Duration length, Duration firstDelay, Duration longestDelay) {
        this.length = length;
        this.firstDelay = firstDelay;
        this.longestDelay = longestDelay;
    }

    public static RetryWindow standard() {
        return new RetryWindow(Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public Duration length() {
        return length;
    }

    /**
     * Runs {@code work}, again after transient faults, until it succeeds or the window closes.
     *
     * @param firstFault told once, after the first transient fault, so the sender knows to wait
     * @throws AuthentikException the last fault, once the window has closed or on a refusal
     */
    public <T> T run(Supplier<T> work, Runnable firstFault) {
        AtomicBoolean told = new AtomicBoolean();
        RetryPolicy<T> policy = RetryPolicy.<T>builder()
                .handleIf(fault -> fault instanceof AuthentikException authentik && authentik.isTransient())
                .withBackoff(firstDelay, longestDelay)
                .withJitter(0.25)
                .withMaxRetries(-1)
                .withMaxDuration(length)
                .onRetry(retry -> {
                    if (told.compareAndSet(false, true)) {
                        firstFault.run();
                    }
                })
                .build();
        return Failsafe.with(policy).get(work::get);
    }
}
