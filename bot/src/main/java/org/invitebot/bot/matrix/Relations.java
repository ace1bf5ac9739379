package org.invitebot.bot.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

import org.invitebot.core.store.ReceivedCommand;

/**
 * Where the bot's messages about a command go ({@code m.relates_to}): a reply to the command, inside the
 * command's thread when it was typed in one, with the reply fallback the spec gives threads for clients
 * that do not show them. An invitation's later news goes to the command's thread, which the command starts
 * when it had none, so that one invitation's story reads in one place.
 */
final class Relations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Relations() {
    }

    /** The thread a message is in: the root event of {@code m.thread}, if any. */
    static Optional<String> threadOf(JsonNode content) {
        JsonNode relation = content.path("m.relates_to");
        return relation.path("rel_type").asText().equals("m.thread") && relation.hasNonNull("event_id")
                ? Optional.of(relation.path("event_id").asText()) : Optional.empty();
    }

    /**
     * The answer: in the command's thread, or a plain reply when it had none. A decision by reaction is no message
     * to reply to: its answer goes to the request's message, in that message's thread.
     */
    static ObjectNode answer(ReceivedCommand command) {
        if (isReaction(command)) {
            return inThread(command.thread().orElseThrow(), command.thread().orElseThrow());
        }
        return command.thread().map(root -> inThread(root, command.id())).orElseGet(() -> reply(command.id()));
    }

    /** Follow-ups: in the command's thread, the command itself the root when it had none. */
    static ObjectNode followUp(ReceivedCommand command) {
        return isReaction(command) ? answer(command) : inThread(command.thread().orElse(command.id()), command.id());
    }

    private static boolean isReaction(ReceivedCommand command) {
        return command.source().equals(MatrixBot.REACTION);
    }

    /** A plain reply, outside any thread. */
    static ObjectNode reply(String eventId) {
        ObjectNode relation = NODES.objectNode();
        relation.putObject("m.in_reply_to").put("event_id", eventId);
        return relation;
    }

    /** A reply to {@code replyTo} in the thread of {@code root}. */
    static ObjectNode inThread(String root, String replyTo) {
        ObjectNode relation = NODES.objectNode().put("rel_type", "m.thread").put("event_id", root).put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", replyTo);
        return relation;
    }
}
