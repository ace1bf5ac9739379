package org.invitebot.core.followup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.AuthentikEvent;
import org.invitebot.core.port.EventPage;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.StateStore;

/**
 * Follows Authentik's event log. The events API has no time filter (API-NOTES §4), so each poll reads
 * newest first and stops at the last event already handled, whose pk is kept in the store: a restart
 * neither misses nor repeats an event. When nothing happened, a poll is one small request; after a
 * busy spell it reads back in pages of 100.
 */
public final class EventWatcher {

    static final String CURSOR = "authentik.events";
    private static final Logger log = LoggerFactory.getLogger(EventWatcher.class);
    /** The cursor before any event was seen: everything that comes is new. */
    private static final String FROM_THE_START = "-";
    /** Enough for a quiet interval, so an idle poll stays small. */
    private static final int QUIET_PAGE = 20;
    private static final int BUSY_PAGE = 100;
    /** A cursor lost to retention must not make one poll read the whole log: at most 5 000 events. */
    private static final int MOST_PAGES = 50;

    private final Authentik authentik;
    private final StateStore store;
    private final FollowUps followUps;

    public EventWatcher(Authentik authentik, StateStore store, FollowUps followUps) {
        this.authentik = authentik;
        this.store = store;
        this.followUps = followUps;
    }

    /**
     * Handles the events since the last poll, oldest first. On the very first poll the log so far is
     * history: only its newest event is remembered.
     *
     * @return how many events were handled
     * @throws org.invitebot.core.port.AuthentikException when Authentik fails; the cursor stays where it was
     */
    public int poll() {
        Optional<String> cursor = store.position(CURSOR);
        if (cursor.isEmpty()) {
            List<AuthentikEvent> newest = authentik.events(FollowUps.ACTIONS, 1, 1).events();
            store.savePosition(CURSOR, newest.isEmpty() ? FROM_THE_START : newest.get(0).pk().toString(), Durability.CRASH_SAFE);
            return 0;
        }
        Reading quiet = readBack(cursor.get(), QUIET_PAGE, 1);
        Reading reading = quiet.complete() ? quiet : readBack(cursor.get(), BUSY_PAGE, MOST_PAGES);
        if (!reading.complete()) {
            log.warn("the last event handled ({}) is not among Authentik's newest {} events; handling those and going on",
                    cursor.get(), reading.newestFirst().size());
        }
        List<AuthentikEvent> events = new ArrayList<>(reading.newestFirst());
        Collections.reverse(events);
        for (AuthentikEvent event : events) {
            followUps.on(event);
            // an event read again after a power cut finds its marks on disk and does nothing twice
            store.savePosition(CURSOR, event.pk().toString(), Durability.CRASH_SAFE);
        }
        return events.size();
    }

    /** @param complete the cursor or the end of the log was reached: nothing newer is missing */
    private record Reading(List<AuthentikEvent> newestFirst, boolean complete) {
    }

    /** Events that arrive while paging push older ones onto the next page, so one read twice is kept once. */
    private Reading readBack(String cursor, int pageSize, int pages) {
        Map<UUID, AuthentikEvent> read = new LinkedHashMap<>();
        int page = 1;
        for (int count = 0; page != 0 && count < pages; count++) {
            EventPage events = authentik.events(FollowUps.ACTIONS, page, pageSize);
            for (AuthentikEvent event : events.events()) {
                if (event.pk().toString().equals(cursor)) {
                    return new Reading(List.copyOf(read.values()), true);
                }
                read.putIfAbsent(event.pk(), event);
            }
            page = events.next();
        }
        return new Reading(List.copyOf(read.values()), page == 0);
    }
}
