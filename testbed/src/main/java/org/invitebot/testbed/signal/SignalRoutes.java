package org.invitebot.testbed.signal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * Every request's way through the stand-in: availability, the check against the swagger, then the
 * endpoint. MockWebServer calls it on one thread per connection.
 */
final class SignalRoutes extends Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(SignalRoutes.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // the release the swagger copy comes from (reference/SOURCES.md)
    private static final String VERSION = "0.100";

    private final SignalSchema schema;
    private final SignalContract contract;
    private final SignalState state;
    private final ReceiveMode mode;
    private final SendEndpoint send;
    private final ReceiveEndpoint receive;
    private final List<ContractViolation> violations = new CopyOnWriteArrayList<>();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;

    SignalRoutes(SignalSchema schema, SignalState state, WebSocketReceivers receivers, ReceiveMode mode) {
        this.schema = schema;
        this.contract = new SignalContract(schema);
        this.state = state;
        this.mode = mode;
        this.send = new SendEndpoint(schema, state, mode);
        this.receive = new ReceiveEndpoint(state, receivers, mode);
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
        if (!available) {
            // MockWebServer has read the request by now; closing before any answer is what the client
            // of a stopped container sees. Dispatcher.peek() would act only on new connections.
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        IncomingRequest request = IncomingRequest.of(recorded);
        Consumer<String> violate = problem -> violate(request, problem);
        SignalReply reply;
        try {
            SchemaMatch match = schema.match(request.method(), request.pathSegments());
            contract.problems(match, request).forEach(violate);
            reply = route(match, request, violate);
        } catch (RuntimeException bug) {
            log.error("the signal-cli-rest-api stand-in failed on {} {}", request.method(), request.target(), bug);
            reply = SignalReply.error(500, "the stand-in failed: " + bug);
        }
        requests.add(new ReceivedRequest(request.method(), "/" + String.join("/", request.pathSegments()), reply.status()));
        return reply.response();
    }

    void setAvailable(boolean available) {
        this.available = available;
    }

    List<ContractViolation> violations() {
        return List.copyOf(violations);
    }

    List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    private SignalReply route(SchemaMatch match, IncomingRequest request, Consumer<String> violate) throws InterruptedException {
        if (!(match instanceof SchemaMatch.Found found)) {
            return SignalReply.pageNotFound();
        }
        String operation = found.operation().name();
        return switch (operation) {
            case "GET /v1/about" -> SignalReply.json(200, about());
            case "GET /v1/health" -> SignalReply.noContent();
            case "GET /v1/accounts" -> SignalReply.json(200, NODES.arrayNode().add(state.account()));
            case "POST /v2/send" -> send.handle(request, violate);
            case "GET /v1/receive/{number}" -> receive.handle(request, found.pathParameters().get("number"), violate);
            case "GET /v1/search/{number}" -> search(request, found.pathParameters().get("number"));
            default -> {
                violate.accept(operation + " is not served by the stand-in; teach it to if the bot is meant to use it");
                yield SignalReply.error(404, operation + " is not served by the stand-in.");
            }
        };
    }

    /** Which numbers have a Signal account, as the service tells the bot's account. */
    private SignalReply search(IncomingRequest request, String number) {
        if (!number.equals(state.account())) {
            return SignalReply.error(400, SignalCliErrors.unknownAccount(mode, number));
        }
        ArrayNode found = NODES.arrayNode();
        request.url().queryParameterValues("numbers").forEach(asked ->
                found.addObject().put("number", asked).put("registered", state.isRegistered(asked)));
        return SignalReply.json(200, found);
    }

    private ObjectNode about() {
        ObjectNode about = NODES.objectNode();
        about.putArray("versions").add("v1").add("v2");
        about.put("build", 2).put("mode", mode.wireName()).put("version", VERSION);
        about.putObject("capabilities").putArray("v2/send").add("quotes").add("mentions");
        return about;
    }

    private void violate(IncomingRequest request, String problem) {
        ContractViolation violation = new ContractViolation(request.method(), request.target(), problem);
        log.warn("contract violation: {}", violation);
        violations.add(violation);
    }
}
