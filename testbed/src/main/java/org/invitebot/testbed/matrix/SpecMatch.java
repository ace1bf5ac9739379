package org.invitebot.testbed.matrix;

import java.util.Map;
import java.util.Set;

/** What the spec says about a method and path. */
sealed interface SpecMatch {

    record Found(SpecOperation operation, Map<String, String> pathParameters) implements SpecMatch {
    }

    record WrongMethod(Set<String> allowed) implements SpecMatch {
    }

    record NoSuchPath() implements SpecMatch {
    }
}
