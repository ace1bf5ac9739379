package org.invitebot.testbed.signal;

/**
 * A request the stand-in answered.
 *
 * @param path   the path without query, decoded: {@code /v1/receive/+15550000000} however the client encoded the {@code +}
 * @param status the HTTP status it was answered with, 101 for an accepted WebSocket
 */
record ReceivedRequest(String method, String path, int status) {
}
