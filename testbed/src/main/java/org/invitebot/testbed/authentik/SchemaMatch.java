package org.invitebot.testbed.authentik;

import java.util.Map;
import java.util.Set;

/** What Authentik's schema says about a method and path. */
sealed interface SchemaMatch {

    record Found(SchemaOperation operation, Map<String, String> pathParameters) implements SchemaMatch {
    }

    record WrongMethod(Set<String> allowed) implements SchemaMatch {
    }

    record NoSuchPath() implements SchemaMatch {
    }
}
