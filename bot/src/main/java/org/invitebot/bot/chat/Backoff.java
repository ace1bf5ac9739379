package org.invitebot.bot.chat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The waits of a receive loop that never gives up: 1 s after the first failure, doubling up to 30 s,
 * back to 1 s once a round succeeds. Also how such a loop and its workers are stopped.
 */
public final class Backoff {

    public static final Duration LONGEST = Duration.ofSeconds(30);
    private static final Duration FIRST = Duration.ofSeconds(1);

    private Duration next = FIRST;

    /** How long the coming wait will be, for the log line that announces it. */
    public Duration next() {
        return next;
    }

    /** Waits, and makes the next wait longer. */
    public void pause() {
        sleep(next);
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(LONGEST) > 0 ? LONGEST : doubled;
    }

    public void reset() {
        next = FIRST;
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the loop's thread, lets it end, and lets the commands in progress finish. */
    public static void stop(Thread loop, ExecutorService workers) {
        stop(loop);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts a loop's thread, if it was started, and lets it end. */
    public static void stop(Thread loop) {
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(2).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
