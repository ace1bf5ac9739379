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
     * @param decide acts on the command and words the answer; runs at most until an answer is saved
     * @param send   posts the answer; a fault leaves the command to be resumed at the next start
     */
    public void run(ReceivedCommand command, Function<ReceivedCommand, Answer> decide, Consumer<Answer> send) {
        Optional<CommandRecord> record = store.command(command.id());
        if (record.isEmpty() || record.get().state() == CommandState.DONE) {
            return;
        }
        Answer answer;
        if (record.get().reply().isPresent()) {
            answer = fromStore(record.get().reply().get());
        } else if (store.start(command.id())) {
            answer = decide.apply(command);
            store.saveReply(command.id(), toStore(answer));
        } else {
            return;
        }
        send.accept(answer);
        store.finish(command.id());
    }

    private String toStore(Answer answer) {
        return json.createObjectNode().put("body", answer.reply().body()).put("html", answer.reply().html())
                .put("done", answer.done()).toString();
    }

    /** A reply saved by an invitebot before answers said whether they were done counts as done. */
    private Answer fromStore(String stored) {
        try {
            JsonNode node = json.readTree(stored);
            return new Answer(new Reply(node.path("body").asText(), node.path("html").asText()), node.path("done").asBoolean(true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a saved reply is not JSON: " + e.getMessage(), e);
        }
    }
}
