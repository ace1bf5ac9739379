package org.invitebot.core.store;

/**
 * A command as it arrived, before anything is done about it.
 *
 * @param id           unique per command and stable across re-deliveries (a Matrix event ID)
 * @param source       the chat network, e.g. {@code matrix}
 * @param conversation where to answer (a room ID)
 */
public record ReceivedCommand(String id, String source, String conversation, String sender, String body) {
}
