package org.invitebot.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Describes a file that is not valid YAML by line and column. Only the parser's description of the
 * problem is kept: its full message quotes the offending line, which may hold a secret.
 */
final class YamlSyntax {

    private YamlSyntax() {
    }

    static String describe(JsonProcessingException e) {
        // SnakeYAML's own mark is where the problem is; Jackson's location is where its parser stopped.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return at(mark.getLine() + 1, mark.getColumn() + 1) + yaml.getProblem();
        }
        JsonLocation location = e.getLocation();
        String problem = e.getOriginalMessage().replace("Duplicate field", "duplicate key");
        if (location == null) {
            return "not valid YAML: " + problem;
        }
        return at(location.getLineNr(), location.getColumnNr()) + problem;
    }

    private static String at(int line, int column) {
        return "line " + line + ", column " + column + ": not valid YAML: ";
    }
}
