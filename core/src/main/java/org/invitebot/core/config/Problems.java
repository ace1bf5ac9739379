package org.invitebot.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found so far, each at a key path. One problem per key is enough for the operator:
 * a later one at the same key or below a key that already has one (a section that is not a map,
 * an unset variable) is a consequence and is dropped.
 */
final class Problems {

    private record Problem(String path, String message) {
    }

    private final List<Problem> found = new ArrayList<>();

    void add(String path, String message) {
        if (!anyAtOrAbove(path)) {
            found.add(new Problem(path, message));
        }
    }

    /** Whether there is a problem at {@code path}, below it, or at a key that contains it. */
    boolean anyAffecting(String path) {
        return found.stream().anyMatch(p -> contains(path, p.path()) || contains(p.path(), path));
    }

    void throwIfAny() throws ConfigException {
        if (!found.isEmpty()) {
            throw new ConfigException(found.stream()
                    .map(p -> (p.path().isEmpty() ? "(top level)" : p.path()) + ": " + p.message())
                    .toList());
        }
    }

    private boolean anyAtOrAbove(String path) {
        return found.stream().anyMatch(p -> contains(p.path(), path));
    }

    private static boolean contains(String outer, String inner) {
        return outer.isEmpty() || inner.equals(outer)
                || inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
    }
}
