package org.invitebot.bench;

import java.time.Duration;
import java.time.Instant;

/**
 * One command's way through the bot.
 *
 * @param sent           when the command became visible to {@code /sync}
 * @param replied        when the reply reached the homeserver
 * @param upstream       how much of that time a stand-in was working on one of the bot's requests for it
 * @param authentikCalls the bot's Authentik requests while the command was under way
 * @param userLookups    how many of those Authentik requests looked up a user: none when the sender's
 *                       authorisation came from the bot's cache
 * @param matrixSends    the bot's {@code PUT .../send/...} requests while the command was under way
 */
record CommandSample(Instant sent, Instant replied, Duration upstream, int authentikCalls, int userLookups, int matrixSends) {

    boolean authorizedFromCache() {
        return userLookups == 0;
    }

    Duration latency() {
        return Duration.between(sent, replied);
    }

    /** The bot's own share: the time no upstream was working for it. */
    Duration overhead() {
        return latency().minus(upstream);
    }
}
