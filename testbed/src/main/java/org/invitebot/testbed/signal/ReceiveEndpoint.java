package org.invitebot.testbed.signal;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code GET /v1/receive/{number}}, which the mode decides (bbernhard/signal-cli-rest-api
 * {@code src/api/api.go}, {@code Receive}): in normal and native mode a plain GET answering the
 * waiting envelopes as a JSON array, each handed out once; in json-rpc mode a WebSocket.
 */
final class ReceiveEndpoint {

    // gorilla/websocket's refusal of a request that is no handshake, which the server passes on
    private static final String NOT_A_WEBSOCKET =
            "websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header";
    // the flags the server checks; ignore_avatars and ignore_stickers it takes as they come
    private static final List<String> FLAGS = List.of("ignore_attachments", "ignore_stories", "send_read_receipts");

    private final SignalState state;
    private final WebSocketReceivers receivers;
    private final ReceiveMode mode;

    ReceiveEndpoint(SignalState state, WebSocketReceivers receivers, ReceiveMode mode) {
        this.state = state;
        this.receivers = receivers;
        this.mode = mode;
    }

    SignalReply handle(IncomingRequest request, String number, Consumer<String> violate) throws InterruptedException {
        return mode == ReceiveMode.JSON_RPC ? attach(request, number, violate) : poll(request, number, violate);
    }

    private SignalReply attach(IncomingRequest request, String number, Consumer<String> violate) {
        if (!request.asksForWebSocket()) {
            violate.accept("in json-rpc mode /v1/receive/{number} is a WebSocket; the real server refuses a plain GET");
            return SignalReply.error(400, NOT_A_WEBSOCKET);
        }
        request.url().queryParameterNames().forEach(name -> violate.accept("query parameter " + name
                + " has no effect in json-rpc mode: signal-cli's daemon receives with its own settings"));
        if (!number.equals(state.account())) {
            violate.accept("there is no account " + number + "; the real server accepts the socket and never sends anything on it");
        }
        return SignalReply.webSocket(receivers.listenerFor(number));
    }

    private SignalReply poll(IncomingRequest request, String number, Consumer<String> violate) throws InterruptedException {
        if (request.asksForWebSocket()) {
            violate.accept("in " + mode.wireName() + " mode /v1/receive/{number} is a plain GET, not a WebSocket");
        }
        String timeout = query(request, "timeout", "1");
        if (!isInt(timeout)) {
            return SignalReply.error(400, "Couldn't process request - timeout needs to be numeric!");
        }
        String maxMessages = query(request, "max_messages", "0");
        if (!isInt(maxMessages)) {
            return SignalReply.error(400, "Couldn't process request - max_messages needs to be numeric!");
        }
        for (String flag : FLAGS) {
            String value = query(request, flag, "false");
            if (!value.equals("true") && !value.equals("false")) {
                return SignalReply.error(400, "Couldn't process request - " + flag + " parameter needs to be either 'true' or 'false'");
            }
        }
        if (!number.equals(state.account())) {
            return SignalReply.error(400, SignalCliErrors.unknownAccount(mode, number));
        }
        // signal-cli waits out the whole timeout after the last message; answering at once keeps tests fast
        List<String> envelopes = state.takeInbox(Math.max(0, Integer.parseInt(maxMessages)),
                Duration.ofSeconds(Integer.parseInt(timeout)));
        // the server joins signal-cli's output lines into an array and answers it as text
        return SignalReply.text(200, "text/plain; charset=utf-8", "[" + String.join(",", envelopes) + "]");
    }

    private static String query(IncomingRequest request, String name, String orElse) {
        String value = request.url().queryParameter(name);
        return value == null ? orElse : value;
    }

    /** As Go's {@code strconv.ParseInt(value, 10, 32)} accepts it. */
    private static boolean isInt(String value) {
        try {
            Integer.parseInt(value);
            return true;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
