package org.invitebot.testbed.authentik;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import mockwebserver3.MockWebServer;

import org.invitebot.testbed.LoopbackServer;

/**
 * Authentik's REST API ({@code /api/v3}) on loopback, for integration tests and the demo: users,
 * groups, flows, API tokens, invitations and the event log, answered as Authentik 2026.2 answers
 * (API-NOTES §1-§6): 403 for a bad token, DRF's error bodies, pagination by page numbers.
 *
 * <p>Every request is checked against Authentik's OpenAPI schema ({@code reference/authentik-schema.yml});
 * what does not fit (an unknown path or method, an undeclared query parameter, a body field the
 * schema lacks, a wrong type or pattern) is recorded, and tests call {@link #assertNoContractViolations()}.
 * Where Authentik would refuse such a request the stand-in refuses it the same way; where
 * Authentik would silently ignore the mistake, so does the stand-in. An operation or filter of the
 * schema the stand-in does not serve is recorded as well, so that it is never silently ignored.
 *
 * <p>Thread-safe.
 */
public final class FakeAuthentik implements AutoCloseable {

    /** The stages of the runbook's enrollment flow (the blueprint in config/ makes the same). */
    public static final List<String> INVITATION_ENROLLMENT = List.of("authentik_stages_invitation.invitationstage",
            "authentik_stages_prompt.promptstage", "authentik_stages_user_write.userwritestage",
            "authentik_stages_user_login.userloginstage");

    private final MockWebServer server;
    private final AuthentikState state;
    private final Faults faults;
    private final AuthentikRoutes routes;
    private final Invitee invitee;
    private final EmailPolicy emailPolicy;

    private FakeAuthentik(MockWebServer server, AuthentikState state, Faults faults, AuthentikRoutes routes) {
        this.server = server;
        this.state = state;
        this.faults = faults;
        this.routes = routes;
        this.invitee = new Invitee(state, baseUrl());
        this.emailPolicy = new EmailPolicy(state, invitee);
        state.addEventListener(emailPolicy);
    }

    public static FakeAuthentik start() {
        return start(Clock.systemUTC());
    }

    /** @param clock the source of event times, join dates and {@link ReceivedRequest#receivedAt()} */
    public static FakeAuthentik start(Clock clock) {
        AuthentikState state = new AuthentikState(clock);
        Faults faults = new Faults();
        AuthentikRoutes routes = new AuthentikRoutes(AuthentikSchema.get(), state, faults, clock);
        MockWebServer server = LoopbackServer.start(routes, "Authentik");
        return new FakeAuthentik(server, state, faults, routes);
    }

    /** Like {@code http://127.0.0.1:PORT}: what users open in the browser, without {@code /api/v3}. */
    public String baseUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    /**
     * @param designation e.g. {@code enrollment}
     * @return the flow's pk, which invitations refer to it by
     */
    public UUID addFlow(String slug, String designation) {
        return addFlow(slug, designation, designation.equals("enrollment") ? INVITATION_ENROLLMENT : List.of());
    }

    /** @param stages the model names of the stages bound to it, in order, e.g. {@code authentik_stages_prompt.promptstage} */
    public UUID addFlow(String slug, String designation, List<String> stages) {
        return state.addFlow(slug, designation, stages);
    }

    /**
     * From now on, the operation (by the schema's operationId, e.g. {@code events_events_list}) answers
     * 403 as Authentik does when the token's user lacks the permission.
     */
    public void denyPermission(String operationId) {
        faults.deny(operationId);
    }

    /**
     * A group named {@value AuthentikState#SUPERUSER_GROUP} makes its members superusers, as in a default install.
     *
     * @return the group's pk; its {@code num_pk} is numbered from 1 in the order groups are added
     */
    public UUID addGroup(String name) {
        return state.addGroup(name);
    }

    /**
     * @param groupNames groups added before
     * @return the user's integer pk
     */
    public int addUser(String username, String name, String email, boolean active, String... groupNames) {
        return state.addUser(username, name, email, active, groupNames);
    }

    /** @param value anything Jackson writes as JSON: a string, number, boolean, list or map */
    public void setUserAttribute(String username, String key, Object value) {
        state.setUserAttribute(username, key, value);
    }

    /** An API token (intent {@code api}) of that user. */
    public void addToken(String key, String username) {
        state.addToken(key, username);
    }

    /** Seeds an invitation for any flow, as if {@code createdByUsername} had made it; records its {@code model_created} event. */
    public StoredInvitation addInvitation(String name, Instant expires, boolean singleUse, Map<String, Object> fixedData,
            String createdByUsername) {
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

    /** The names of the user's groups. */
    public Set<String> groupsOf(String username) {
        return state.groupNamesOf(username);
    }

    /**
     * Adds an event to the log, as Authentik records one.
     *
     * @param username the user it is about, {@code null} for the anonymous user
     */
    public StoredEvent recordEvent(String action, Map<String, Object> context, String username) {
        return state.recordEvent(action, context, username);
    }

    /** The invitee opens the link: {@code invitation_used}; a single-use invitation is gone from then on. */
    public void openLink(UUID pk) {
        invitee.openLink(pk);
    }

    /** The invitee completes the enrollment flow (opening the link first if not yet opened); returns the new user's pk. */
    public int enroll(UUID pk, String username, String name, String email) {
        return invitee.enroll(pk, username, name, email);
    }

    /** Authentik's email policy sent the invitation email: {@code email_sent} with the link in its body. */
    public void sendInvitationEmail(UUID pk) {
        invitee.sendInvitationEmail(pk);
    }

    /** The mail task failed: {@code system_task_exception}. */
    public void failEmail(String error) {
        invitee.failEmail(error);
    }

    /**
     * Plays the runbook's email policy: from now on an invitation created with {@code fixed_data.email}
     * is mailed at once (see {@link #setSmtpFailure(Optional)}). Off by default.
     */
    public void mailInvitationsOnCreation(boolean enabled) {
        emailPolicy.enable(enabled);
    }

    /** @param error what the mail task fails with from now on; empty to let mail through again */
    public void setSmtpFailure(Optional<String> error) {
        emailPolicy.smtpFailure(error);
    }

    /** Called with every event as it is recorded, e.g. to show the demo's user what Authentik did. */
    public void addEventListener(Consumer<StoredEvent> listener) {
        state.addEventListener(listener);
    }

    /** The event log, oldest first. */
    public List<StoredEvent> events() {
        return state.events();
    }

    /** Every request answered so far, in the order the answers were produced. */
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

    /** @throws AssertionError listing every request so far that did not fit Authentik's schema */
    public void assertNoContractViolations() {
        List<ContractViolation> violations = contractViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " request(s) did not fit Authentik's schema:\n"
                    + violations.stream().map(ContractViolation::toString).collect(Collectors.joining("\n")));
        }
    }

    /** The next {@code count} requests are answered with {@code status} (e.g. 503) by the proxy in front, and not acted on. */
    public void failNextRequests(int count, int status) {
        faults.failNext(count, status);
    }

    /**
     * The next call of {@code operationId} (e.g. {@code stages_invitation_invitations_create}) is carried out, then
     * Authentik goes down before it answers: the proxy answers 502, as to everything after it until
     * {@link #setAvailable(boolean) setAvailable(true)}. The caller cannot tell whether it was done.
     */
    public void goDownAfterNext(String operationId) {
        faults.goDownAfter(operationId);
    }

    /**
     * While unavailable, every request gets the 502 a reverse proxy answers when Authentik behind it
     * is down, and nothing is acted on. See {@link #setReachable(boolean)} for no server at all.
     */
    public void setAvailable(boolean available) {
        faults.setAvailable(available);
    }

    /**
     * While unreachable, every connection is closed without an answer, as when the server has gone
     * away: clients see an I/O error, not an HTTP status, and nothing is recorded or acted on.
     */
    public void setReachable(boolean reachable) {
        faults.setReachable(reachable);
    }

    /** Delays every answer, to model a slow network or server. */
    public void setLatency(Duration latency) {
        faults.setLatency(latency);
    }

    @Override
    public void close() {
        emailPolicy.close();
        server.close();
    }
}
