package org.invitebot.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.invitebot.testbed.matrix.RoomEvent;

/**
 * Notes every event the homeserver stand-in stores, and when, on the stand-ins' clock. An encrypted
 * answer names its command only inside the ciphertext, so with one command under way at a time the
 * answer is found as the bot's next event in the room.
 */
final class RoomWatch implements Consumer<RoomEvent> {

    private final Clock clock = Clock.systemUTC();
    private final Map<String, List<RoomEvent>> byRoom = new HashMap<>();
    private final Map<String, Instant> arrivals = new HashMap<>();

    @Override
    public synchronized void accept(RoomEvent event) {
        arrivals.put(event.eventId(), clock.instant());
        byRoom.computeIfAbsent(event.roomId(), room -> new ArrayList<>()).add(event);
        notifyAll();
    }

    /** The first event of {@code sender} in the room after {@code eventId}; empty after {@code timeout}. */
    synchronized Optional<RoomEvent> awaitAfter(String roomId, String eventId, String sender, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<RoomEvent> events = byRoom.getOrDefault(roomId, List.of());
            boolean after = false;
            for (RoomEvent event : events) {
                if (after && event.sender().equals(sender)) {
                    return Optional.of(event);
                }
                after |= event.eventId().equals(eventId);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized Instant arrival(String eventId) {
        Instant at = arrivals.get(eventId);
        if (at == null) {
            throw new IllegalStateException("the homeserver never stored " + eventId);
        }
        return at;
    }
}
