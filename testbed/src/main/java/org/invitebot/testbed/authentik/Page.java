package org.invitebot.testbed.authentik;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DRF's PageNumberPagination as Authentik configures it (API-NOTES §6): {@code page} is 1-based,
 * {@code page_size} defaults to 20 and is capped at 100 without complaint, and {@code next} and
 * {@code previous} are page numbers, 0 for none.
 */
final class Page {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;

    private Page() {
    }

    /** @throws AuthentikRefusal 404 {@code Invalid page.} for a page that is not a number or not there, as DRF answers */
    static AuthentikReply of(ListQuery query, List<? extends JsonNode> all) {
        int size = size(query.value("page_size"));
        int totalPages = Math.max(1, (all.size() + size - 1) / size);
        int page = number(query.value("page"), totalPages);
        int from = (page - 1) * size;
        int to = Math.min(all.size(), from + size);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.putObject("pagination")
                .put("next", page < totalPages ? page + 1 : 0)
                .put("previous", page > 1 ? page - 1 : 0)
                .put("count", all.size())
                .put("current", page)
                .put("total_pages", totalPages)
                // Django's Page: 0 and 0 for an empty first page
                .put("start_index", all.isEmpty() ? 0 : from + 1)
                .put("end_index", to);
        answer.putArray("results").addAll(all.subList(from, to));
        // only filled by the enterprise query language search, which the bot does not use
        answer.putObject("autocomplete");
        return AuthentikReply.json(200, answer);
    }

    /** A page size that is not a positive number is ignored, as DRF ignores it. */
    private static int size(String value) {
        try {
            int size = value == null ? DEFAULT_SIZE : Integer.parseInt(value.strip());
            return size > 0 ? Math.min(size, MAX_SIZE) : DEFAULT_SIZE;
        } catch (NumberFormatException e) {
            return DEFAULT_SIZE;
        }
    }

    private static int number(String value, int totalPages) {
        if (value == null || value.isEmpty()) {
            return 1;
        }
        if (value.equals("last")) {
            return totalPages;
        }
        try {
            int page = Integer.parseInt(value.strip());
            if (page >= 1 && page <= totalPages) {
                return page;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like a page past the end
        }
        throw AuthentikRefusal.detail(404, "Invalid page.");
    }
}
