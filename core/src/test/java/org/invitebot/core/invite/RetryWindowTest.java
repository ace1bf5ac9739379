package org.invitebot.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.invitebot.core.port.AuthentikException;

class RetryWindowTest {

    private final RetryWindow window = new RetryWindow(Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofMillis(40));
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger told = new AtomicInteger();

    @Test
    void transientFaultsAreRetriedAndTheSenderToldOnce() {
        String result = window.run(() -> {
            if (attempts.incrementAndGet() < 4) {
                throw new AuthentikException("Authentik at auth.example.org is unreachable", true);
            }
            return "created";
        }, told::incrementAndGet);

        assertThat(result).isEqualTo("created");
        assertThat(attempts).hasValue(4);
        assertThat(told).hasValue(1);
    }

    @Test
    void refusalsAreNotRetried() {
        assertThatThrownBy(() -> window.run(() -> {
            attempts.incrementAndGet();
            throw new AuthentikException("Authentik rejected the request", false);
        }, told::incrementAndGet)).hasMessageContaining("rejected");

        assertThat(attempts).hasValue(1);
        assertThat(told).hasValue(0);
    }

    @Test
    void theLastFaultIsThrownWhenTheWindowCloses() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> window.run(() -> {
            attempts.incrementAndGet();
            throw new AuthentikException("Authentik is not answering properly (HTTP 503)", true);
        }, told::incrementAndGet)).hasMessageContaining("503");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(attempts.get()).isGreaterThan(3);
        assertThat(told).hasValue(1);
    }
}
