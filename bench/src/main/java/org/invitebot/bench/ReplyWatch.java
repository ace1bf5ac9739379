package org.invitebot.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.invitebot.testbed.matrix.RoomEvent;

/**
 * Listens on the homeserver stand-in for the bot's replies and notes when each arrived, on the
 * stand-ins' clock so that the times compare with their request records.
 */
final class ReplyWatch implements Consumer<RoomEvent> {

    private final Clock clock = Clock.systemUTC();
    private final Map<String, CompletableFuture<Instant>> replies = new ConcurrentHashMap<>();

    @Override
    public void accept(RoomEvent event) {
        if (event.isMessage() && BenchWorld.BOT.equals(event.sender())) {
            String command = event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText();
            if (!command.isEmpty()) {
                reply(command).complete(clock.instant());
            }
        }
    }

    /** @throws TimeoutException when the bot has not answered within {@code timeout} */
    Instant awaitReply(String command, Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return reply(command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private CompletableFuture<Instant> reply(String command) {
        return replies.computeIfAbsent(command, id -> new CompletableFuture<>());
    }
}
