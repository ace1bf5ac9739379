package org.invitebot.testbed.authentik;

import java.time.Instant;

/**
 * A request the Authentik stand-in answered.
 *
 * @param receivedAt when it arrived, before any configured latency
 * @param answeredAt when its answer was ready to be written, after the latency
 * @param path       path and query as sent, percent-encoded
 */
public record ReceivedRequest(Instant receivedAt, Instant answeredAt, String method, String path, String body, int status) {
}
