package org.invitebot.bot.matrix.e2ee;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key first seen for each user ({@code identity/<user>}), pinned. A later {@code /keys/query} that
 * shows another one (a reset of cross-signing, or an impostor's keys) is noted beside it until an admin
 * acknowledges the change; until then the user's encrypted commands are refused.
 */
final class Identities {

    static final String KIND = "identity";
    private static final Logger log = LoggerFactory.getLogger(Identities.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Pins a first master key, or notes that the one shown now is not the pinned one. */
    void observe(UserIdentity seen, Working vault) {
        String user = seen.userId();
        Optional<ObjectNode> pinned = vault.json(KIND, user);
        if (pinned.isEmpty()) {
            seen.master().ifPresent(master -> vault.put(KIND, user, NODES.objectNode().put("master", master)));
            return;
        }
        ObjectNode record = pinned.get();
        String now = seen.master().orElse("");
        if (record.path("master").asText().equals(now)) {
            if (record.has("changed_to")) {
                record.remove("changed_to");
                vault.put(KIND, user, record);
            }
        } else if (!record.has("changed_to") || !record.path("changed_to").asText().equals(now)) {
            record.put("changed_to", now);
            vault.put(KIND, user, record);
            log.warn("the cross-signing identity of {} changed; their encrypted commands wait until an admin confirms it"
                    + " (!trust {})", user, user);
        }
    }

    boolean changed(String user, Working vault) {
        return vault.json(KIND, user).map(record -> record.has("changed_to")).orElse(false);
    }

    /** Takes the user's new master key as theirs; false when there was no change to acknowledge. */
    boolean acknowledge(String user, Working vault) {
        Optional<ObjectNode> record = vault.json(KIND, user).filter(pinned -> pinned.has("changed_to"));
        if (record.isEmpty()) {
            return false;
        }
        String now = record.get().path("changed_to").asText();
        if (now.isEmpty()) {
            vault.delete(KIND, user);
        } else {
            vault.put(KIND, user, NODES.objectNode().put("master", now));
        }
        return true;
    }
}
