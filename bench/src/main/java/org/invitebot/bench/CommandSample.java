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
 * @param cacheFills     how many of those Authentik requests filled a cache of the bot (a user lookup, a
 *                       read of the invitation names): none when its caches were warm
 * @param matrixSends    the bot's {@code PUT .../send/...} requests while the command was under way
 */
record CommandSample(Instant sent, Instant replied, Duration upstream, int authentikCalls, int cacheFills, int matrixSends) {

    boolean cachesWarm() {
        return cacheFills == 0;
    }

    Duration latency() {
        return Duration.between(sent, replied);
    }

    /** The bot's own share: the time no upstream was working for it. */
    Duration overhead() {
        return latency().minus(upstream);
    }
}
