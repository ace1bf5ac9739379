package org.invitebot.testbed.matrix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of the client-server spec.
 *
 * @param template      full path template, base path included, e.g. {@code /_matrix/client/v3/sync}
 * @param parameters    parameter objects, {@code $ref}s already followed
 * @param requestBody   the request body object, if the operation takes one
 * @param authenticated whether the operation demands an access token (rather than merely accepting one)
 * @param definition    the operation object itself
 */
record SpecOperation(String operationId, String method, String template, List<String> segments,
        List<SpecNode> parameters, Optional<SpecNode> requestBody, boolean authenticated, SpecNode definition) {

    /** The path parameters of {@code pathSegments}, or empty when the path does not fit this template. */
    Optional<Map<String, String>> match(List<String> pathSegments) {
        if (pathSegments.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            if (isParameter(expected)) {
                values.put(expected.substring(1, expected.length() - 1), pathSegments.get(i));
            } else if (!expected.equals(pathSegments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    /** How many segments are literal: when two templates fit a path, the more literal one is meant. */
    long literalSegments() {
        return segments.stream().filter(segment -> !isParameter(segment)).count();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
