package org.invitebot.testbed.authentik;

import java.time.Instant;

/**
 * A request the Authentik stand-in answered.
 *
 * @param path path and query as sent, percent-encoded
 */
public record ReceivedRequest(Instant receivedAt, String method, String path, String body, int status) {
}
