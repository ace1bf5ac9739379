package org.invitebot.bot.chat;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.invitebot.bot.text.Reply;
import org.invitebot.core.store.CommandRecord;
import org.invitebot.core.store.CommandState;
import org.invitebot.core.store.ReceivedCommand;
import org.invitebot.core.store.StateStore;

/**
 * SPEC §5 for every chat adapter: a recorded command is acted on until its reply is decided, the reply
 * is saved, then sent, then the command is done. A restart sends the saved reply again instead of
 * acting twice.
 */
public final class ExactlyOnce {

    private final StateStore store;
    private final ObjectMapper json = new ObjectMapper();

    public ExactlyOnce(StateStore store) {
        this.store = store;
    }

    /**
     * @param decide acts on the command and words the reply; runs at most until a reply is saved
     * @param send   posts the reply; a fault leaves the command to be resumed at the next start
     */
    public void run(ReceivedCommand command, Function<ReceivedCommand, Reply> decide, Consumer<Reply> send) {
        Optional<CommandRecord> record = store.command(command.id());
        if (record.isEmpty() || record.get().state() == CommandState.DONE) {
            return;
        }
        Reply reply = record.get().reply().map(this::fromStore).orElseGet(() -> {
            store.start(command.id());
            Reply decided = decide.apply(command);
            store.saveReply(command.id(), toStore(decided));
            return decided;
        });
        send.accept(reply);
        store.finish(command.id());
    }

    private String toStore(Reply reply) {
        return json.createObjectNode().put("body", reply.body()).put("html", reply.html()).toString();
    }

    private Reply fromStore(String stored) {
        try {
            JsonNode node = json.readTree(stored);
            return new Reply(node.path("body").asText(), node.path("html").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a saved reply is not JSON: " + e.getMessage(), e);
        }
    }
}
