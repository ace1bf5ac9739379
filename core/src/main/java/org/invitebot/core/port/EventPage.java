package org.invitebot.core.port;

import java.util.List;

/** One page of events, newest first; {@code next} is the next page number, 0 on the last page. */
public record EventPage(List<AuthentikEvent> events, int next) {

    public EventPage {
        events = List.copyOf(events);
    }
}
