package org.invitebot.testbed;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A path of an API document, such as {@code /v1/send/{number}}, to match request paths against. */
public record PathTemplate(String template, List<String> segments) {

    /** The template and the path parameters a request path fits. */
    public record Fit(PathTemplate template, Map<String, String> parameters) {
    }

    /** @param template starting with {@code /} */
    public static PathTemplate of(String template) {
        return new PathTemplate(template, List.of(template.substring(1).split("/", -1)));
    }

    /**
     * The template that fits {@code path}; when several do ({@code users/me/} and {@code users/{id}/}),
     * the more literal one is meant.
     */
    public static Optional<Fit> bestFit(Collection<PathTemplate> templates, List<String> path) {
        return templates.stream()
                .flatMap(template -> template.match(path).map(parameters -> new Fit(template, parameters)).stream())
                .max(Comparator.comparingLong(fit -> fit.template().literalSegments()));
    }

    /** The path parameters of {@code path}, or empty when it does not fit this template. */
    public Optional<Map<String, String>> match(List<String> path) {
        if (path.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (isParameter(segment)) {
                parameters.put(segment.substring(1, segment.length() - 1), path.get(i));
            } else if (!segment.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private long literalSegments() {
        return segments.stream().filter(segment -> !isParameter(segment)).count();
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }
}
