package org.invitebot.testbed.authentik;

import java.util.List;
import java.util.Optional;

/**
 * One operation of Authentik's schema.
 *
 * @param method      upper case, e.g. {@code POST}
 * @param template    path template below {@code /api/v3}, e.g. {@code /core/groups/{group_uuid}/add_user/}
 * @param parameters  parameter objects, {@code $ref}s already followed
 * @param requestBody the request body object, if the operation takes one
 * @param definition  the operation object itself
 */
record SchemaOperation(String operationId, String method, String template, List<SchemaNode> parameters,
        Optional<SchemaNode> requestBody, SchemaNode definition) {
}
