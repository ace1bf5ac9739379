package org.invitebot.testbed.signal;

import java.util.Map;
import java.util.Set;

/** What the swagger says about a method and path. */
sealed interface SchemaMatch {

    record Found(SwaggerOperation operation, Map<String, String> pathParameters) implements SchemaMatch {
    }

    record WrongMethod(Set<String> allowed) implements SchemaMatch {
    }

    record NoSuchPath() implements SchemaMatch {
    }
}
