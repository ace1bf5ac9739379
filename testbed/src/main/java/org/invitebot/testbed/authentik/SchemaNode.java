package org.invitebot.testbed.authentik;

import com.fasterxml.jackson.databind.JsonNode;

import org.invitebot.testbed.RequestText;

/**
 * A node of one of the small documents {@link AuthentikSchema} cuts out of Authentik's schema, with
 * the JSON pointer that finds it again: the schema validator loads schemas by that address, so
 * {@code $ref}s resolve inside the right document.
 *
 * @param document the document's address
 * @param pointer  JSON pointer of the node inside it ("" for the whole document)
 */
record SchemaNode(String document, String pointer, JsonNode node) {

    SchemaNode child(String name) {
        return new SchemaNode(document, pointer + "/" + name.replace("~", "~0").replace("/", "~1"), node.path(name));
    }

    SchemaNode child(int index) {
        return new SchemaNode(document, pointer + "/" + index, node.path(index));
    }

    boolean exists() {
        return !node.isMissingNode();
    }

    /** Follows a {@code $ref} inside the same document; a node without one is returned as is. */
    SchemaNode resolve(JsonNode root) {
        if (!node.has("$ref")) {
            return this;
        }
        String pointer = node.get("$ref").asText().substring(1);
        return new SchemaNode(document, pointer, root.at(pointer));
    }

    /** The address the schema validator loads this node from. */
    String iri() {
        return document + "#" + RequestText.iriFragment(pointer);
    }
}
