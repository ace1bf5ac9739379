package org.invitebot.testbed.authentik;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;

import org.invitebot.testbed.RequestText;

/**
 * Every request's way through the stand-in: the check against Authentik's schema, injected faults,
 * the API token, then the operation. MockWebServer calls it on one thread per connection.
 */
final class AuthentikRoutes extends Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(AuthentikRoutes.class);

    private final AuthentikSchema schema;
    private final AuthentikContract contract;
    private final AuthentikApi api;
    private final AuthentikState state;
    private final Faults faults;
    private final Clock clock;
    private final List<ContractViolation> violations = new CopyOnWriteArrayList<>();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();

    AuthentikRoutes(AuthentikSchema schema, AuthentikState state, Faults faults, Clock clock) {
        this.schema = schema;
        this.contract = new AuthentikContract(schema);
        this.api = new AuthentikApi(state);
        this.state = state;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
        if (!faults.reachable()) {
            // MockWebServer has read the request by now; closing before any answer is what the client
            // of a vanished server sees. Dispatcher.peek() would act only on new connections.
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        Instant receivedAt = clock.instant();
        faults.delay();
        String method = recorded.getMethod();
        HttpUrl url = recorded.getUrl();
        String target = RequestText.target(url);
        String body = recorded.getBody() == null ? "" : recorded.getBody().utf8();
        AuthentikReply reply;
        try {
            reply = route(method, url, target, recorded.getHeaders().get("Content-Type"), recorded.getHeaders().get("Authorization"),
                    body);
        } catch (RuntimeException bug) {
            log.error("the Authentik stand-in failed on {} {}", method, target, bug);
            reply = AuthentikReply.detail(500, "the Authentik stand-in failed: " + bug);
        }
        requests.add(new ReceivedRequest(receivedAt, clock.instant(), method, target, body, reply.status()));
        return reply.toMockResponse();
    }

    List<ContractViolation> violations() {
        return List.copyOf(violations);
    }

    List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    private AuthentikReply route(String method, HttpUrl url, String target, String contentType, String authorization, String body) {
        String path = "/" + String.join("/", url.pathSegments());
        SchemaMatch match = path.startsWith(AuthentikSchema.BASE_PATH + "/")
                ? schema.match(method, path.substring(AuthentikSchema.BASE_PATH.length()))
                : new SchemaMatch.NoSuchPath();
        contract.problems(match, method, url, contentType, body).forEach(problem -> violate(method, target, problem));
        if (!faults.available()) {
            return AuthentikReply.proxyError(502);
        }
        OptionalInt failure = faults.takeFailure();
        if (failure.isPresent()) {
            return AuthentikReply.proxyError(failure.getAsInt());
        }
        if (match instanceof SchemaMatch.NoSuchPath) {
            return AuthentikReply.notFound();
        }
        try {
            // DRF authenticates before it looks at the method
            AuthentikState.User caller = authenticate(authorization);
            if (match instanceof SchemaMatch.WrongMethod) {
                return AuthentikReply.detail(405, "Method \"" + method + "\" not allowed.");
            }
            return operation((SchemaMatch.Found) match, url, target, body, caller);
        } catch (AuthentikRefusal refusal) {
            return refusal.reply();
        }
    }

    private AuthentikReply operation(SchemaMatch.Found found, HttpUrl url, String target, String body, AuthentikState.User caller) {
        SchemaOperation operation = found.operation();
        Optional<AuthentikApi.Endpoint> endpoint = api.endpoint(operation.operationId());
        if (endpoint.isEmpty()) {
            violate(operation.method(), target, "the stand-in does not serve " + operation.operationId()
                    + "; teach it to if the bot is meant to use it");
            return AuthentikReply.detail(501, "The stand-in does not serve " + operation.operationId() + ".");
        }
        if (faults.denies(operation.operationId())) {
            return AuthentikReply.detail(403, "You do not have permission to perform this action.");
        }
        Set<String> declared = operation.parameters().stream()
                .filter(parameter -> parameter.node().path("in").asText().equals("query"))
                .map(parameter -> parameter.node().path("name").asText())
                .collect(Collectors.toSet());
        url.queryParameterNames().stream()
                .filter(name -> declared.contains(name) && !endpoint.get().parameters().contains(name))
                .forEach(name -> violate(operation.method(), target, "the stand-in ignores query parameter " + name + " of "
                        + operation.operationId() + ", which Authentik would apply; teach it to if the bot is meant to use it"));
        AuthentikReply done = endpoint.get().handler().handle(new AuthentikApi.Call(url, found.pathParameters(), body, caller));
        return faults.goesDownAfter(operation.operationId()) ? AuthentikReply.proxyError(502) : done;
    }

    /**
     * Authentik's token check (API-NOTES §6): a missing header, another scheme, an unknown token or
     * an inactive user's token is 403, never 401, as TokenAuthentication gives DRF no challenge.
     */
    private AuthentikState.User authenticate(String authorization) {
        String header = authorization == null ? "" : authorization.strip();
        int space = header.indexOf(' ');
        if (space < 0) {
            throw AuthentikRefusal.detail(403, "Authentication credentials were not provided.");
        }
        if (!header.substring(0, space).equalsIgnoreCase("bearer")) {
            throw AuthentikRefusal.detail(403, "Unsupported authentication type");
        }
        return state.tokenOwner(header.substring(space + 1))
                .filter(user -> user.active)
                .orElseThrow(() -> AuthentikRefusal.detail(403, "Token invalid/expired"));
    }

    private void violate(String method, String target, String problem) {
        ContractViolation violation = new ContractViolation(method, target, problem);
        log.warn("contract violation: {}", violation);
        violations.add(violation);
    }
}
