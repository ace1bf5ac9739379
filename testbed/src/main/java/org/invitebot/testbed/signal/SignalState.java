package org.invitebot.testbed.signal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What the stand-in knows about Signal: which numbers have an account or an untrusted identity, the
 * sends still to rate-limit, the messages sent, and in normal and native mode the envelopes waiting
 * for a receive. Thread-safe: every method holds the monitor, and waiters are woken on each change.
 */
final class SignalState {

    private final String account;
    private final Clock clock;
    private final Set<String> unregistered = new HashSet<>();
    private final Set<String> untrusted = new HashSet<>();
    private final List<SentMessage> sent = new ArrayList<>();
    private final Deque<String> inbox = new ArrayDeque<>();
    private int rateLimitedSends;
    private long lastTimestamp;
    private boolean closed;

    SignalState(String account, Clock clock) {
        this.account = account;
        this.clock = clock;
    }

    String account() {
        return account;
    }

    /** Milliseconds since the epoch, unique and increasing: Signal tells messages apart by sender and timestamp. */
    synchronized long nextTimestamp() {
        lastTimestamp = Math.max(clock.millis(), lastTimestamp + 1);
        return lastTimestamp;
    }

    synchronized void setUnregistered(String number) {
        unregistered.add(number);
    }

    synchronized boolean isRegistered(String number) {
        return !unregistered.contains(number);
    }

    synchronized void setUntrusted(String number, boolean isUntrusted) {
        if (isUntrusted) {
            untrusted.add(number);
        } else {
            untrusted.remove(number);
        }
    }

    synchronized boolean isUntrusted(String number) {
        return untrusted.contains(number);
    }

    synchronized void rateLimitNextSends(int count) {
        rateLimitedSends = count;
    }

    /** Whether this send is one of those to rate-limit; counts it off if so. */
    synchronized boolean takeRateLimit() {
        if (rateLimitedSends == 0) {
            return false;
        }
        rateLimitedSends--;
        return true;
    }

    synchronized void recordSent(SentMessage message) {
        sent.add(message);
        notifyAll();
    }

    synchronized List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    synchronized boolean awaitSent(Predicate<SentMessage> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sent.stream().noneMatch(matching)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
                return false;
            }
            waitNanos(left);
        }
        return true;
    }

    /** Normal and native mode: keeps an envelope until a receive takes it, as signal-cli's server-side queue does. */
    synchronized void enqueue(String envelope) {
        inbox.add(envelope);
        notifyAll();
    }

    /**
     * Takes waiting envelopes, oldest first; when there are none, waits for one up to {@code timeout}.
     *
     * @param max     at most this many, 0 for all
     * @param timeout negative to wait until one arrives, as signal-cli's {@code receive --timeout -1}
     */
    synchronized List<String> takeInbox(int max, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inbox.isEmpty() && !closed) {
            long left = deadline - System.nanoTime();
            if (!timeout.isNegative() && left <= 0) {
                break;
            }
            waitNanos(timeout.isNegative() ? 0 : left);
        }
        List<String> taken = new ArrayList<>();
        while (!inbox.isEmpty() && (max == 0 || taken.size() < max)) {
            taken.add(inbox.poll());
        }
        return taken;
    }

    /** Ends every wait. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** @param nanos how long at most, 0 for until woken */
    private void waitNanos(long nanos) throws InterruptedException {
        if (nanos == 0) {
            wait();
        } else {
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        }
    }
}
