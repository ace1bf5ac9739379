package org.invitebot.testbed.signal;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of the swagger.
 *
 * @param method          upper case, e.g. {@code POST}
 * @param template        e.g. {@code /v1/receive/{number}}
 * @param queryParameters the declared query parameters by name
 * @param bodySchema      JSON pointer into the swagger of the body parameter's schema, if the operation takes a body
 * @param bodyRequired    whether the body parameter is required
 */
record SwaggerOperation(String method, String template, Map<String, JsonNode> queryParameters, Optional<String> bodySchema,
        boolean bodyRequired) {

    /** As the swagger lists it, e.g. {@code POST /v2/send}. */
    String name() {
        return method + " " + template;
    }
}
