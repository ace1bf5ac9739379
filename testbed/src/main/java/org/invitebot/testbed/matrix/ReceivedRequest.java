package org.invitebot.testbed.matrix;

import java.time.Instant;

/**
 * A request the stand-in answered.
 *
 * @param receivedAt when it arrived, on the homeserver's clock, before any configured latency
 * @param answeredAt when its answer was ready to be written, after latency and any long-poll wait
 * @param path       path and query as sent, percent-encoded
 * @param operation  the spec's operationId ({@code sendMessage}, {@code sync} ...), {@code null} if none fits
 * @param userId     the user its access token belongs to, {@code null} without a valid token
 * @param status     the HTTP status it was answered with
 */
public record ReceivedRequest(Instant receivedAt, Instant answeredAt, String method, String path, String operation, String userId,
        String body, int status) {
}
