package org.invitebot.testbed.authentik;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import mockwebserver3.MockWebServer;

/**
 * Authentik's REST API ({@code /api/v3}) on loopback, for integration tests and the demo: users,
 * groups, flows, API tokens, invitations and the event log, answered as Authentik 2026.2 answers
 * (API-NOTES §1-§6).
 *
 * <p>Every request is checked against Authentik's OpenAPI schema ({@code reference/authentik-schema.yml});
 * what does not fit (an unknown path, an undeclared query parameter, a body field the schema lacks,
 * a wrong type or pattern) is recorded, and tests call {@link #assertNoContractViolations()}.
 *
 * <p>Thread-safe.
 */
public final class FakeAuthentik implements AutoCloseable {

    private final MockWebServer server;
    private final AuthentikState state;
    private final AuthentikRoutes routes;

    private FakeAuthentik(MockWebServer server, AuthentikState state, AuthentikRoutes routes) {
        this.server = server;
        this.state = state;
        this.routes = routes;
    }

    public static FakeAuthentik start() {
        return start(Clock.systemUTC());
    }

    /** @param clock the source of event times */
    public static FakeAuthentik start(Clock clock) {
        AuthentikState state = new AuthentikState(clock);
        AuthentikRoutes routes = new AuthentikRoutes(state, clock);
        MockWebServer server = new MockWebServer();
        server.setDispatcher(routes);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Authentik stand-in", e);
        }
        return new FakeAuthentik(server, state, routes);
    }

    /** Like {@code http://127.0.0.1:PORT}: what users open in the browser, without {@code /api/v3}. */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /** @param designation e.g. {@code enrollment} */
    public UUID addFlow(String slug, String designation) {
        return state.addFlow(slug, designation);
    }

    /** A group named {@value AuthentikState#SUPERUSER_GROUP} makes its members superusers, as in a default install. */
    public UUID addGroup(String name) {
        return state.addGroup(name);
    }

    /** @return the user's integer pk */
    public int addUser(String username, String name, String email, boolean active, String... groupNames) {
        return state.addUser(username, name, email, active, groupNames);
    }

    public void setUserAttribute(String username, String key, Object value) {
        state.setUserAttribute(username, key, value);
    }

    /** An API token (intent {@code api}) of that user. */
    public void addToken(String key, String username) {
        state.addToken(key, username);
    }

    /** Seeds an invitation as if {@code createdByUsername} had made it. */
    public StoredInvitation addInvitation(String name, Instant expires, boolean singleUse, Map<String, Object> fixedData,
            String createdByUsername) {
        state.userNamed(createdByUsername);
        return state.addInvitation(new StoredInvitation(UUID.randomUUID(), name, expires, singleUse, null,
                Map.copyOf(fixedData), createdByUsername));
    }

    /** Every invitation, in creation order. */
    public List<StoredInvitation> invitations() {
        return state.invitations();
    }

    public Optional<StoredInvitation> invitation(UUID pk) {
        return state.invitation(pk);
    }

    public Set<String> groupsOf(String username) {
        return state.groupNamesOf(username);
    }

    public StoredEvent recordEvent(String action, Map<String, Object> context, String username) {
        return state.recordEvent(action, context, username);
    }

    /** The event log, oldest first. */
    public List<StoredEvent> events() {
        return state.events();
    }

    public List<ReceivedRequest> requests() {
        return routes.requests();
    }

    /** How many requests had this method and a path (without query) starting with {@code pathPrefix}. */
    public long countRequests(String method, String pathPrefix) {
        return requests().stream()
                .filter(request -> request.method().equals(method) && request.path().split("\\?", 2)[0].startsWith(pathPrefix))
                .count();
    }

    public List<ContractViolation> contractViolations() {
        return routes.violations();
    }

    public void assertNoContractViolations() {
        List<ContractViolation> violations = contractViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " request(s) did not fit Authentik's schema:\n"
                    + violations.stream().map(ContractViolation::toString).collect(Collectors.joining("\n")));
        }
    }

    /** The next {@code count} requests are answered with {@code status} (e.g. 503) and not acted on. */
    public void failNextRequests(int count, int status) {
        routes.failNext(count, status);
    }

    /** While unavailable, every request gets the 502 a reverse proxy gives when Authentik behind it is down. */
    public void setAvailable(boolean available) {
        routes.setAvailable(available);
    }

    /** Delays every answer, to model a slow network or server. */
    public void setLatency(Duration latency) {
        routes.setLatency(latency);
    }

    @Override
    public void close() {
        server.close();
    }
}
