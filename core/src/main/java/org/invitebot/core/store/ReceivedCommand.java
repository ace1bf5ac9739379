package org.invitebot.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A command as it arrived, before anything is done about it.
 *
 * @param id           unique per command and stable across re-deliveries (a Matrix event ID)
 * @param source       the chat network, e.g. {@code matrix}
 * @param conversation where to answer (a room ID)
 * @param thread       the thread of the conversation the command was typed in (a Matrix thread's root event),
 *                     where its answer goes
 */
public record ReceivedCommand(String id, String source, String conversation, String sender, String body,
        Optional<String> thread) {

    public ReceivedCommand {
        Objects.requireNonNull(thread, "thread");
    }

    /** A command typed outside any thread. */
    public ReceivedCommand(String id, String source, String conversation, String sender, String body) {
        this(id, source, conversation, sender, body, Optional.empty());
    }
}
