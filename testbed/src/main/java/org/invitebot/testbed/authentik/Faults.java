package org.invitebot.testbed.authentik;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Faults a test turns on: Authentik down behind its proxy, no server at all, slow answers, failed requests. */
final class Faults {

    private volatile boolean available = true;
    private volatile boolean reachable = true;
    private volatile Duration latency = Duration.ZERO;
    private volatile int failureStatus;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> downAfter = new AtomicReference<>();

    void setAvailable(boolean available) {
        this.available = available;
    }

    boolean available() {
        return available;
    }

    void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    boolean reachable() {
        return reachable;
    }

    void setLatency(Duration latency) {
        this.latency = latency;
    }

    void delay() throws InterruptedException {
        Thread.sleep(latency.toMillis());
    }

    void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    /** The status to fail with if this request is one of those to fail. */
    OptionalInt takeFailure() {
        return failuresLeft.getAndUpdate(left -> Math.max(left - 1, 0)) > 0 ? OptionalInt.of(failureStatus) : OptionalInt.empty();
    }

    void goDownAfter(String operationId) {
        downAfter.set(operationId);
    }

    /** Whether Authentik goes down right after doing this, before its answer leaves; once only. */
    boolean goesDownAfter(String operationId) {
        if (operationId.equals(downAfter.getAndUpdate(armed -> operationId.equals(armed) ? null : armed))) {
            available = false;
            return true;
        }
        return false;
    }

    void deny(String operationId) {
        denied.add(operationId);
    }

    /** Whether the token's user lacks the permission for the operation. */
    boolean denies(String operationId) {
        return denied.contains(operationId);
    }
}
