package org.invitebot.bot.signal;

/**
 * A text message to the bot's number from one person (not a group, not one of the bot's own devices).
 *
 * @param source    the sender's number (E.164)
 * @param timestamp the sender's timestamp in milliseconds: with the source, what identifies the message
 */
public record SignalMessage(String source, long timestamp, String text) {
}
