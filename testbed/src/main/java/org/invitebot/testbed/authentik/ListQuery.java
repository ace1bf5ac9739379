package org.invitebot.testbed.authentik;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import okhttp3.HttpUrl;

/** The query of a list request, read as django-filter and DRF's SearchFilter read it. */
final class ListQuery {

    private final HttpUrl url;
    /** Read once per request: a list filters every stored object with them. */
    private final List<String> searchTerms;

    ListQuery(HttpUrl url) {
        this.url = url;
        String search = url.queryParameter("search");
        this.searchTerms = search == null ? List.of() : Arrays.stream(search.replace(',', ' ').strip().split("\\s+"))
                .filter(term -> !term.isEmpty())
                .toList();
    }

    HttpUrl url() {
        return url;
    }

    String value(String parameter) {
        return url.queryParameter(parameter);
    }

    List<String> values(String parameter) {
        return url.queryParameterValues(parameter).stream().filter(Objects::nonNull).toList();
    }

    /** An exact filter: true when the parameter is absent or empty, as django-filter skips empty values. */
    boolean exact(String parameter, Object actual) {
        String wanted = value(parameter);
        return wanted == null || wanted.isEmpty() || wanted.equals(String.valueOf(actual));
    }

    /** A boolean filter: {@code true}/{@code false} (or 1/0) filter; anything else is ignored, as django-filter does. */
    boolean flag(String parameter, boolean actual) {
        String wanted = value(parameter);
        if (wanted == null) {
            return true;
        }
        return switch (wanted) {
            case "true", "True", "1" -> actual;
            case "false", "False", "0" -> !actual;
            default -> true;
        };
    }

    /** Authentik's own {@code include_*} switches: on unless the value is something other than {@code true}. */
    boolean includes(String parameter) {
        String value = value(parameter);
        return value == null || value.equalsIgnoreCase("true");
    }

    /** DRF's SearchFilter: every term of {@code search} occurs in one of the fields, ignoring case. */
    boolean searchFinds(String... fields) {
        return searchTerms.stream().allMatch(term -> Arrays.stream(fields).anyMatch(field -> containsIgnoringCase(field, term)));
    }

    boolean searching() {
        return !searchTerms.isEmpty();
    }

    private static boolean containsIgnoringCase(String field, String term) {
        if (field == null) {
            return false;
        }
        for (int at = 0; at + term.length() <= field.length(); at++) {
            if (field.regionMatches(true, at, term, 0, term.length())) {
                return true;
            }
        }
        return false;
    }
}
