package org.invitebot.testbed.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import mockwebserver3.MockResponse;

/**
 * An HTTP answer of the stand-in.
 *
 * @param retryAfterSeconds the Retry-After header's value, 0 for none
 */
record MatrixReply(int status, String contentType, String body, long retryAfterSeconds) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static MatrixReply json(JsonNode body) {
        return new MatrixReply(200, "application/json", body.toString(), 0);
    }

    static MatrixReply json(int status, JsonNode body) {
        return new MatrixReply(status, "application/json", body.toString(), 0);
    }

    static MatrixReply empty() {
        return json(NODES.objectNode());
    }

    /** The standard error response (definitions/errors/error.yaml). */
    static MatrixReply error(int status, String errcode, String message) {
        return new MatrixReply(status, "application/json", NODES.objectNode().put("errcode", errcode).put("error", message).toString(), 0);
    }

    static MatrixReply unknownToken() {
        ObjectNode body = NODES.objectNode().put("errcode", "M_UNKNOWN_TOKEN").put("error", "Unrecognised access token.")
                .put("soft_logout", false);
        return new MatrixReply(401, "application/json", body.toString(), 0);
    }

    /** definitions/errors/rate_limited.yaml, plus the Retry-After header that Synapse also sends. */
    static MatrixReply rateLimited(long retryAfterMs) {
        ObjectNode body = NODES.objectNode().put("errcode", "M_LIMIT_EXCEEDED").put("error", "Too many requests")
                .put("retry_after_ms", retryAfterMs);
        return new MatrixReply(429, "application/json", body.toString(), (retryAfterMs + 999) / 1000);
    }

    /** What a reverse proxy answers while the homeserver behind it is down: a 503 that is not JSON. */
    static MatrixReply unavailable() {
        return new MatrixReply(503, "text/html", "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", 0);
    }

    MockResponse toMockResponse() {
        MockResponse.Builder response = new MockResponse.Builder()
                .code(status)
                .setHeader("Content-Type", contentType)
                .body(body);
        if (retryAfterSeconds > 0) {
            response.setHeader("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }
}
