package org.invitebot.bot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.ops.Ops;
import org.invitebot.core.followup.EventWatcher;
import org.invitebot.core.followup.FollowUps;

/**
 * Runs the follow-ups on a schedule: the event log every poll interval, the clock-driven checks with
 * it, and the sweep. A fault is logged and the next round tries again; the loop never stops on its own.
 */
final class FollowUpLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FollowUpLoop.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "follow-ups");
        thread.setDaemon(true);
        return thread;
    });

    FollowUpLoop(EventWatcher watcher, FollowUps followUps, Duration pollInterval, Duration sweepInterval, Ops ops) {
        scheduler.scheduleWithFixedDelay(() -> guarded("read Authentik's events", () -> {
            ops.telemetry().eventsProcessed(watcher.poll());
            followUps.tick();
            ops.heartbeats().beat(Ops.AUTHENTIK_EVENTS);
        }), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> guarded("sweep expired invitations", followUps::sweep),
                sweepInterval.toMillis(), sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("could not {} ({}); trying again next round", what, e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
