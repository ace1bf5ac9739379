package org.invitebot.testbed.signal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import mockwebserver3.MockWebServer;

import org.invitebot.testbed.LoopbackServer;

/**
 * signal-cli-rest-api (bbernhard/signal-cli-rest-api) on loopback with one registered account, for
 * integration tests and the demo (API-NOTES §9): {@code POST /v2/send}, {@code GET /v1/receive/{number}}
 * as the {@link ReceiveMode} makes it, {@code GET /v1/about}, {@code /v1/health} and {@code /v1/accounts}.
 * No authentication, like the real server.
 *
 * <p>Every request is checked against the server's swagger
 * ({@code reference/signal-cli-rest-api-swagger.json}); what does not fit (an unknown path or method,
 * an undeclared query parameter, a body field the swagger lacks, a wrong type or value) is recorded,
 * and tests call {@link #assertNoContractViolations()}. Where the real server would refuse such a
 * request the stand-in refuses it the same way; where it would silently ignore the mistake, so does
 * the stand-in. An operation or send field of the swagger that the stand-in does not serve is recorded
 * as well, so that it is never silently ignored.
 *
 * <p>Failed sends carry the real server's texts for the mode: signal-cli's JSON-RPC error messages in
 * json-rpc mode, signal-cli's printed output in normal and native mode (see {@link #setUnregistered}).
 *
 * <p>Thread-safe.
 */
public final class FakeSignal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FakeSignal.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final ReceiveMode mode;
    private final MockWebServer server;
    private final SignalState state;
    private final WebSocketReceivers receivers;
    private final SignalRoutes routes;

    private FakeSignal(ReceiveMode mode, MockWebServer server, SignalState state, WebSocketReceivers receivers, SignalRoutes routes) {
        this.mode = mode;
        this.server = server;
        this.state = state;
        this.receivers = receivers;
        this.routes = routes;
    }

    /**
     * @param account the bot's registered number (E.164); requests for any other account get 400 like the real server
     * @throws IllegalArgumentException if {@code account} is not E.164, e.g. {@code +15550000000}
     */
    public static FakeSignal start(String account, ReceiveMode mode) {
        if (account == null || !E164.matcher(account).matches()) {
            throw new IllegalArgumentException("account must be a phone number in E.164 form such as +15550000000, not " + account);
        }
        SignalState state = new SignalState(account, Clock.systemUTC());
        WebSocketReceivers receivers = new WebSocketReceivers(account);
        SignalRoutes routes = new SignalRoutes(SignalSchema.get(), state, receivers, mode);
        MockWebServer server = LoopbackServer.start(routes, "signal-cli-rest-api");
        return new FakeSignal(mode, server, state, receivers, routes);
    }

    /** Like {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    public ReceiveMode mode() {
        return mode;
    }

    /**
     * Takes the number's Signal account away: sending to it fails with the real server's 400. Every
     * other number has an account. A send fails only if it reaches none of its recipients, as
     * signal-cli's does; the text then is {@code Failed to send message} in json-rpc mode, and in
     * normal and native mode signal-cli's output, with a line {@code +1555...: Unregistered user "+1555..."}.
     */
    public void setUnregistered(String number) {
        state.setUnregistered(number);
    }

    /**
     * Sending to this number fails with the real server's 400 until trust is restored: {@code Failed
     * to send message due to untrusted identities}, in normal and native mode after signal-cli's line
     * {@code +1555...: Untrusted Identity for "+1555..."}.
     */
    public void setUntrustedIdentity(String number, boolean untrusted) {
        state.setUntrusted(number, untrusted);
    }

    /**
     * The next {@code count} sends fail as when Signal demands a captcha, and send nothing. In json-rpc
     * mode the answer is {@code 429} with {@code error}, {@code challenge_tokens} and {@code account}.
     * In normal and native mode the real server has no such answer: it is {@code 400} with signal-cli's
     * output, which names the challenge token ({@code CAPTCHA proof required for sending to ...}).
     */
    public void rateLimitNextSends(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, not " + count);
        }
        state.rateLimitNextSends(count);
    }

    /**
     * While unavailable, every connection is closed without an answer, as when the container is down:
     * clients see an I/O error, and nothing is recorded or acted on. Going unavailable closes every
     * attached WebSocket (with 1001 going away).
     */
    public void setAvailable(boolean available) {
        routes.setAvailable(available);
        if (!available) {
            receivers.closeAll();
        }
    }

    /** Every message successfully sent, oldest first. */
    public List<SentMessage> sent() {
        return state.sent();
    }

    /** The sent messages that reached {@code number}, oldest first. */
    public List<SentMessage> sentTo(String number) {
        return sent().stream().filter(message -> message.recipients().contains(number)).toList();
    }

    /** Waits until a sent message matches, up to {@code timeout}; messages already sent count. */
    public boolean awaitSent(Predicate<SentMessage> matching, Duration timeout) {
        try {
            return state.awaitSent(matching, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * An incoming text message from {@code fromNumber} to the account. In normal and native mode it
     * waits until a {@code GET /v1/receive/{account}} takes it. In json-rpc mode it goes to every
     * WebSocket attached now, and is lost if none is, like the real server's (call
     * {@link #awaitReceiver} first).
     *
     * @return the envelope's timestamp: milliseconds, unique and increasing
     */
    public long deliver(String fromNumber, String text) {
        long timestamp = state.nextTimestamp();
        hand(EnvelopeJson.textMessage(state.account(), fromNumber, timestamp, timestamp, text));
        return timestamp;
    }

    /** Delivers the same envelope again (same timestamp and source), as a re-delivery after a reconnect would. */
    public void redeliver(String fromNumber, long timestamp, String text) {
        hand(EnvelopeJson.textMessage(state.account(), fromNumber, timestamp, state.nextTimestamp(), text));
    }

    /**
     * Json-rpc mode: whether a WebSocket for the account is attached, waiting up to {@code timeout} for
     * one. Always true in the other modes.
     */
    public boolean awaitReceiver(Duration timeout) {
        if (mode != ReceiveMode.JSON_RPC) {
            return true;
        }
        try {
            return receivers.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Json-rpc mode: closes every attached WebSocket from the server's side (1001 going away), to test
     * reconnects; messages delivered until a client attaches again are lost.
     */
    public void dropReceivers() {
        receivers.closeAll();
    }

    /** How many requests had this method and a path (without query) starting with {@code pathPrefix}. */
    public long countRequests(String method, String pathPrefix) {
        return routes.requests().stream()
                .filter(request -> request.method().equals(method) && request.path().startsWith(pathPrefix))
                .count();
    }

    public List<ContractViolation> contractViolations() {
        return routes.violations();
    }

    /** @throws AssertionError listing every request so far that did not fit the swagger or the server's use */
    public void assertNoContractViolations() {
        List<ContractViolation> violations = contractViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " request(s) did not fit signal-cli-rest-api's swagger:\n"
                    + violations.stream().map(ContractViolation::toString).collect(Collectors.joining("\n")));
        }
    }

    @Override
    public void close() {
        receivers.closeAll();
        state.close();
        server.close();
    }

    private void hand(String envelope) {
        if (mode != ReceiveMode.JSON_RPC) {
            state.enqueue(envelope);
        } else if (receivers.push(envelope) == 0) {
            log.debug("no WebSocket attached: the envelope is lost, as with the real server: {}", envelope);
        }
    }
}
