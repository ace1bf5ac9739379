package org.invitebot.testbed.matrix;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The parts of a sync filter (sync_filter.yaml) the stand-in honours: the timeline's limit and
 * event types, and the account data types. Lazy loading, senders and rooms are not filtered.
 */
record SyncFilter(int timelineLimit, Types timelineTypes, Types accountDataTypes) {

    /** Synapse's timeline limit when the filter sets none. */
    static final int DEFAULT_TIMELINE_LIMIT = 10;

    static final SyncFilter NONE = from(JsonNodeFactory.instance.objectNode());

    static SyncFilter from(JsonNode filter) {
        JsonNode timeline = filter.path("room").path("timeline");
        return new SyncFilter(timeline.path("limit").asInt(DEFAULT_TIMELINE_LIMIT), Types.from(timeline),
                Types.from(filter.path("account_data")));
    }

    /**
     * An event filter's {@code types} and {@code not_types}; {@code *} matches any run of
     * characters, an absent {@code types} admits all, an empty one none.
     */
    record Types(List<String> types, List<String> notTypes) {

        static Types from(JsonNode eventFilter) {
            return new Types(eventFilter.has("types") ? texts(eventFilter.get("types")) : null, texts(eventFilter.path("not_types")));
        }

        boolean admits(String type) {
            return (types == null || types.stream().anyMatch(pattern -> matches(pattern, type)))
                    && notTypes.stream().noneMatch(pattern -> matches(pattern, type));
        }

        private static boolean matches(String pattern, String type) {
            String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q");
            return type.matches(regex);
        }

        private static List<String> texts(JsonNode array) {
            List<String> texts = new ArrayList<>();
            array.forEach(text -> texts.add(text.asText()));
            return texts;
        }
    }
}
