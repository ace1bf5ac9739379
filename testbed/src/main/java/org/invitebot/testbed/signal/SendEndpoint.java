package org.invitebot.testbed.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v2/send}, checked in the order of the real server's handler (bbernhard/signal-cli-rest-api
 * {@code src/api/api.go}, {@code SendV2}): the body must decode, then name recipients and a number;
 * then the account must exist; then signal-cli sends to each recipient and fails only if it reached none.
 */
final class SendEndpoint {

    // the swagger's fields the stand-in acts on; it defines more (attachments, quotes, mentions, stickers ...)
    private static final Set<String> SERVED_FIELDS = Set.of("number", "recipients", "message", "text_mode");
    private static final String GROUP_PREFIX = "group.";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SignalSchema schema;
    private final Set<String> definedFields;
    private final SignalState state;
    private final ReceiveMode mode;

    SendEndpoint(SignalSchema schema, SignalState state, ReceiveMode mode) {
        this.schema = schema;
        this.definedFields = schema.properties(SignalSchema.SEND_MESSAGE);
        this.state = state;
        this.mode = mode;
    }

    SignalReply handle(IncomingRequest request, Consumer<String> violate) {
        if (request.json().isEmpty() || !decodesInGo(request.json().get())) {
            return SignalReply.error(400, "Couldn't process request - invalid request");
        }
        JsonNode body = request.json().get();
        List<String> recipients = recipients(body);
        String number = body.path("number").asText("");
        if (recipients.isEmpty()) {
            return SignalReply.error(400, "Couldn't process request - please provide at least one recipient");
        }
        if (number.isEmpty()) {
            return SignalReply.error(400, "Couldn't process request - please provide a valid number");
        }
        body.fieldNames().forEachRemaining(field -> {
            // fields the swagger lacks the real server ignores, and the contract check reports them
            if (definedFields.contains(field) && !SERVED_FIELDS.contains(field)) {
                violate.accept("the stand-in ignores field " + field + " of the send, which the real server would act on; "
                        + "teach it to if the bot is meant to use it");
            }
        });
        if (!number.equals(state.account())) {
            return SignalReply.error(400, SignalCliErrors.unknownAccount(mode, number));
        }
        if (recipients.stream().anyMatch(recipient -> recipient.startsWith(GROUP_PREFIX))) {
            violate.accept("sending to a group is not served by the stand-in");
            return SignalReply.error(400, "Sending to groups is not served by the stand-in.");
        }
        long timestamp = state.nextTimestamp();
        if (state.takeRateLimit()) {
            return rateLimited(number, recipients, timestamp);
        }
        return send(number, recipients, body, timestamp);
    }

    private SignalReply send(String number, List<String> recipients, JsonNode body, long timestamp) {
        List<SignalCliErrors.RecipientFailure> failures = new ArrayList<>();
        List<String> reached = new ArrayList<>();
        for (String recipient : recipients) {
            if (!state.isRegistered(recipient)) {
                failures.add(new SignalCliErrors.RecipientFailure(recipient, SignalCliErrors.Failure.UNREGISTERED));
            } else if (state.isUntrusted(recipient)) {
                failures.add(new SignalCliErrors.RecipientFailure(recipient, SignalCliErrors.Failure.UNTRUSTED));
            } else {
                reached.add(recipient);
            }
        }
        if (reached.isEmpty()) {
            return SignalReply.error(400, SignalCliErrors.sendFailed(mode, failures, timestamp, null));
        }
        // the server parses markup only for "styled"; any other value sends the text as it is
        String textMode = body.path("text_mode").asText().equals("styled") ? "styled" : "normal";
        state.recordSent(new SentMessage(number, reached, body.path("message").asText(""), textMode, timestamp));
        return SignalReply.json(201, NODES.objectNode().put("timestamp", Long.toString(timestamp)));
    }

    /** Signal demands a captcha before this account may send on; every recipient fails with the same challenge. */
    private SignalReply rateLimited(String number, List<String> recipients, long timestamp) {
        String token = UUID.randomUUID().toString();
        if (mode != ReceiveMode.JSON_RPC) {
            List<SignalCliErrors.RecipientFailure> failures = recipients.stream()
                    .map(recipient -> new SignalCliErrors.RecipientFailure(recipient, SignalCliErrors.Failure.RATE_LIMITED))
                    .toList();
            return SignalReply.error(400, SignalCliErrors.sendFailed(mode, failures, timestamp, token));
        }
        ObjectNode answer = NODES.objectNode().put("error", SignalCliErrors.rateLimited());
        ArrayNode tokens = answer.putArray("challenge_tokens");
        recipients.forEach(recipient -> tokens.add(token));
        answer.put("account", number);
        return SignalReply.json(429, answer);
    }

    /** gin's BindJSON fails where a value has another JSON type than the Go field; null and unknown fields decode. */
    private boolean decodesInGo(JsonNode body) {
        return schema.problems(SignalSchema.SEND_MESSAGE, body).stream()
                .noneMatch(problem -> problem.keyword().equals("type") && !problem.value().isNull());
    }

    /** {@code recipients}, plus the single {@code recipient} the server accepts for clients that cannot send arrays. */
    private static List<String> recipients(JsonNode body) {
        List<String> recipients = new ArrayList<>();
        body.path("recipients").forEach(recipient -> recipients.add(recipient.asText()));
        if (!body.path("recipient").asText("").isEmpty()) {
            recipients.add(body.path("recipient").asText());
        }
        return recipients;
    }
}
