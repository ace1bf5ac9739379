package org.invitebot.testbed.signal;

import java.util.List;

/**
 * A message the stand-in sent for the bot.
 *
 * @param number     the sending account
 * @param recipients those it reached, as the request named them; recipients it failed for are left out
 * @param textMode   {@code normal} or {@code styled}: the request's {@code text_mode}, else the server's default {@code normal}
 * @param timestamp  the one the {@code 201} answer carried
 */
public record SentMessage(String number, List<String> recipients, String message, String textMode, long timestamp) {

    public SentMessage {
        recipients = List.copyOf(recipients);
    }
}
