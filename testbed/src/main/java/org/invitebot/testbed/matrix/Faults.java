package org.invitebot.testbed.matrix;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/** Faults a test turns on: an unreachable homeserver, slow answers, rate-limited sends. */
final class Faults {

    private volatile boolean available = true;
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration sendAnswerDelay = Duration.ZERO;
    private volatile long retryAfterMs;
    private final AtomicInteger rateLimitedSends = new AtomicInteger();

    void setAvailable(boolean available) {
        this.available = available;
    }

    boolean available() {
        return available;
    }

    void setLatency(Duration latency) {
        this.latency = latency;
    }

    void setSendAnswerDelay(Duration delay) {
        this.sendAnswerDelay = delay;
    }

    /** After a send was done: its event is in the room (and in other clients' syncs) before the sender hears back. */
    void delaySendAnswer() throws InterruptedException {
        Thread.sleep(sendAnswerDelay.toMillis());
    }

    void delay() throws InterruptedException {
        Thread.sleep(latency.toMillis());
    }

    void rateLimitNextSends(int count, long retryAfterMs) {
        this.retryAfterMs = retryAfterMs;
        rateLimitedSends.set(count);
    }

    /** The wait to demand if this send is one of those to rate-limit. */
    OptionalLong takeRateLimit() {
        return rateLimitedSends.getAndUpdate(left -> Math.max(left - 1, 0)) > 0 ? OptionalLong.of(retryAfterMs) : OptionalLong.empty();
    }
}
