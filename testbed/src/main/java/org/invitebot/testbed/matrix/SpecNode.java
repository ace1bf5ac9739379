package org.invitebot.testbed.matrix;

import com.fasterxml.jackson.databind.JsonNode;

import org.invitebot.testbed.RequestText;

/**
 * A node inside one of the spec's YAML files, with the JSON pointer that finds it again: the
 * schema validator loads schemas by that address, so relative {@code $ref}s resolve against the
 * right file.
 *
 * @param file    classpath path of the YAML file
 * @param pointer JSON pointer of the node inside the file ("" for the whole document)
 */
record SpecNode(String file, String pointer, JsonNode node) {

    SpecNode child(String name) {
        return new SpecNode(file, pointer + "/" + name.replace("~", "~0").replace("/", "~1"), node.path(name));
    }

    SpecNode child(int index) {
        return new SpecNode(file, pointer + "/" + index, node.path(index));
    }

    boolean exists() {
        return !node.isMissingNode();
    }

    /** The address the schema validator loads this node from. */
    String iri() {
        return "classpath:" + file + "#" + RequestText.iriFragment(pointer);
    }
}
