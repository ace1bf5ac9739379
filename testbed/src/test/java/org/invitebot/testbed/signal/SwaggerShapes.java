package org.invitebot.testbed.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks the stand-in's own answers against the swagger's definitions, so that it stays a faithful stand-in. */
final class SwaggerShapes {

    private SwaggerShapes() {
    }

    /** @param definition e.g. {@code api.SendMessageResponse} */
    static void assertFits(String definition, JsonNode value) {
        assertThat(SignalSchema.get().problems("/definitions/" + definition, value))
                .as("%s against %s", value, definition)
                .isEmpty();
    }
}
