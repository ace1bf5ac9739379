package org.invitebot.bench;

import java.time.Instant;

import org.invitebot.testbed.authentik.ReceivedRequest;

/**
 * One request of the bot, as the stand-in that answered it saw it.
 *
 * @param what for Matrix the spec's operationId ({@code sync}, {@code sendMessage}), for Authentik the
 *             method and the path without its query
 */
record Call(Upstream upstream, String what, Instant receivedAt, Instant answeredAt) {

    enum Upstream { AUTHENTIK, MATRIX }

    static Call of(ReceivedRequest authentik) {
        return new Call(Upstream.AUTHENTIK, authentik.method() + " " + authentik.path().split("\\?", 2)[0],
                authentik.receivedAt(), authentik.answeredAt());
    }

    static Call of(org.invitebot.testbed.matrix.ReceivedRequest matrix) {
        return new Call(Upstream.MATRIX, String.valueOf(matrix.operation()), matrix.receivedAt(), matrix.answeredAt());
    }

    boolean isSync() {
        return upstream == Upstream.MATRIX && what.equals("sync");
    }

    boolean isMatrixSend() {
        return upstream == Upstream.MATRIX && what.equals("sendMessage");
    }

    /** The follow-up watcher's polling, which runs beside the commands rather than for them. */
    boolean isEventPoll() {
        return upstream == Upstream.AUTHENTIK && what.startsWith("GET /api/v3/events/events/");
    }

    /**
     * A read that fills one of the bot's caches: a user lookup for a sender it has no decision for, or a
     * read of Authentik's invitation names (ADR 0012).
     */
    boolean isCacheFill() {
        return upstream == Upstream.AUTHENTIK
                && (what.startsWith("GET /api/v3/core/users/") || what.equals("GET /api/v3/stages/invitation/invitations/"));
    }

    Interval interval() {
        return new Interval(receivedAt, answeredAt);
    }
}
