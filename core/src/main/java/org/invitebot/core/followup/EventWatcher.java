package org.invitebot.core.followup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.AuthentikEvent;
import org.invitebot.core.port.EventPage;
import org.invitebot.core.store.StateStore;

/**
 * Follows Authentik's event log. The events API has no time filter (API-NOTES §4), so each poll reads
 * newest first and stops at the last event already handled, whose pk is kept in the store: a restart
 * neither misses nor repeats an event. When nothing happened, a poll is one request.
 */
public final class EventWatcher {

    static final String CURSOR = "authentik.events";
    /** The cursor before any event was seen: everything that comes is new. */
    private static final String FROM_THE_START = "-";
    /** A cursor lost to retention must not make one poll read the whole log. */
    private static final int MOST_PAGES = 25;

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
        List<AuthentikEvent> fresh = new ArrayList<>();
        int page = 1;
        reading:
        for (int read = 0; page != 0 && read < MOST_PAGES; read++) {
            EventPage events = authentik.events(FollowUps.ACTIONS, page);
            for (AuthentikEvent event : events.events()) {
                if (cursor.isPresent() && event.pk().toString().equals(cursor.get())) {
                    break reading;
                }
                fresh.add(event);
                if (cursor.isEmpty()) {
                    break reading;
                }
            }
            page = events.next();
        }
        if (cursor.isEmpty()) {
            store.savePosition(CURSOR, fresh.isEmpty() ? FROM_THE_START : fresh.get(0).pk().toString());
            return 0;
        }
        Collections.reverse(fresh);
        for (AuthentikEvent event : fresh) {
            followUps.on(event);
            store.savePosition(CURSOR, event.pk().toString());
        }
        return fresh.size();
    }
}
