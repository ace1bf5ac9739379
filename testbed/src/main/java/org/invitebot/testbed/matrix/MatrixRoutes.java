package org.invitebot.testbed.matrix;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Every request's way through the stand-in: injected faults, the check against the spec, the
 * access token, then the operation. MockWebServer calls it on one thread per connection, so a
 * long-polling {@code /sync} holds only its own connection.
 */
final class MatrixRoutes extends Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(MatrixRoutes.class);

    /** How a request was answered, and to whom. */
    private record Routed(MatrixReply reply, String operationId, String userId) {
    }

    private final ClientServerSpec spec;
    private final RequestContract contract;
    private final Accounts accounts;
    private final ClientApi api;
    private final Faults faults;
    private final Clock clock;
    private final List<ContractViolation> violations = new CopyOnWriteArrayList<>();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();

    MatrixRoutes(ClientServerSpec spec, Accounts accounts, ClientApi api, Faults faults, Clock clock) {
        this.spec = spec;
        this.contract = new RequestContract(spec);
        this.accounts = accounts;
        this.api = api;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
        Instant receivedAt = clock.instant();
        faults.delay();
        Exchange exchange = Exchange.of(recorded);
        Routed routed;
        try {
            routed = faults.available() ? route(exchange) : new Routed(MatrixReply.unavailable(), null, null);
        } catch (RuntimeException bug) {
            log.error("the homeserver stand-in failed on {} {}", exchange.method(), exchange.target(), bug);
            routed = new Routed(MatrixReply.error(500, "M_UNKNOWN", "Internal server error: " + bug), null, null);
        }
        if (exchange.method().equals("PUT") && exchange.url().encodedPath().contains("/send/")) {
            faults.delaySendAnswer();
        }
        requests.add(new ReceivedRequest(receivedAt, clock.instant(), exchange.method(), exchange.target(), routed.operationId(),
                routed.userId(), exchange.body(), routed.reply().status()));
        return routed.reply().toMockResponse();
    }

    List<ContractViolation> violations() {
        return List.copyOf(violations);
    }

    List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    private Routed route(Exchange exchange) throws InterruptedException {
        SpecMatch match = spec.match(exchange.method(), exchange.pathSegments());
        if (match instanceof SpecMatch.NoSuchPath) {
            violate(exchange, null, "no operation of the client-server spec has this path");
            return new Routed(MatrixReply.error(404, "M_UNRECOGNIZED", "Unrecognized request"), null, null);
        }
        if (match instanceof SpecMatch.WrongMethod wrong) {
            violate(exchange, null, "the spec defines only " + wrong.allowed() + " on this path");
            return new Routed(MatrixReply.error(405, "M_UNRECOGNIZED", "Unrecognized request"), null, null);
        }
        SpecMatch.Found found = (SpecMatch.Found) match;
        String operationId = found.operation().operationId();
        Optional<Accounts.Session> session = exchange.accessToken().flatMap(accounts::byToken);
        String userId = session.map(Accounts.Session::userId).orElse(null);
        List<String> problems = new ArrayList<>(contract.problems(found, exchange));
        if (exchange.tokenInQuery() && !session.map(Accounts.Session::otherClient).orElse(false)) {
            problems.add("query parameter access_token is not defined for " + operationId
                    + "; send the token as Authorization: Bearer");
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> violate(exchange, operationId, problem));
            String errcode = exchange.hasBody() && exchange.json().isEmpty() ? "M_NOT_JSON" : "M_BAD_JSON";
            return new Routed(MatrixReply.error(400, errcode, String.join("; ", problems)), operationId, userId);
        }
        return new Routed(answer(found, exchange, session), operationId, userId);
    }

    private MatrixReply answer(SpecMatch.Found found, Exchange exchange, Optional<Accounts.Session> session)
            throws InterruptedException {
        String operationId = found.operation().operationId();
        if (found.operation().authenticated() && session.isEmpty()) {
            return exchange.accessToken().isEmpty()
                    ? MatrixReply.error(401, "M_MISSING_TOKEN", "Missing access token")
                    : MatrixReply.unknownToken();
        }
        Optional<ClientApi.Handler> handler = api.handler(operationId);
        if (handler.isEmpty()) {
            log.warn("the homeserver stand-in does not serve {} ({} {})", operationId, exchange.method(), exchange.target());
            return MatrixReply.error(404, "M_UNRECOGNIZED", "Unrecognized request");
        }
        if (operationId.equals("sendMessage")) {
            OptionalLong retryAfterMs = faults.takeRateLimit();
            if (retryAfterMs.isPresent()) {
                return MatrixReply.rateLimited(retryAfterMs.getAsLong());
            }
        }
        try {
            return handler.get().handle(new ClientApi.Call(exchange, found.pathParameters(), session));
        } catch (HomeserverRefusal refusal) {
            return refusal.reply();
        }
    }

    private void violate(Exchange exchange, String operationId, String problem) {
        ContractViolation violation = new ContractViolation(exchange.method(), exchange.target(), operationId, problem);
        log.warn("contract violation: {}", violation);
        violations.add(violation);
    }
}
