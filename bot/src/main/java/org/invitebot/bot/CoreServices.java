package org.invitebot.bot;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import okhttp3.OkHttpClient;

import org.invitebot.bot.logging.KnownSecrets;
import org.invitebot.bot.signal.HttpSignalClient;
import org.invitebot.bot.signal.SignalClient;
import org.invitebot.bot.signal.SignalCourier;
import org.invitebot.core.authentik.AuthentikClient;
import org.invitebot.core.authz.Authorizer;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.config.Secret;
import org.invitebot.core.invite.CommandHandler;
import org.invitebot.core.invite.InvitationRequests;
import org.invitebot.core.invite.InvitationService;
import org.invitebot.core.invite.RetryWindow;
import org.invitebot.core.policy.InvitationPolicy;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.core.port.CourierException;
import org.invitebot.core.port.LinkCourier;
import org.invitebot.core.store.StateStore;
import org.invitebot.core.store.StoreException;

/**
 * The core, wired from the configuration and checked against Authentik: shared by the chat bot and the
 * shell commands, so both run the very same command path.
 *
 * @param botAccount the Authentik username the API token belongs to
 * @param signal     signal-cli-rest-api, when {@code signal.enabled}
 */
public record CoreServices(AuthentikClient authentik, Authorizer authorizer, StateStore store, CommandHandler handler,
        InvitationRequests requests, String botAccount, Optional<SignalClient> signal) implements AutoCloseable {

    /**
     * Checks the Authentik token and the enrollment flow, and opens the state file.
     *
     * @throws StartupException with one line naming what is wrong
     */
    public static CoreServices open(InvitebotConfig config, OkHttpClient http, Clock clock, RetryWindow retry)
            throws StartupException {
        KnownSecrets.register(config.authentik().token().reveal());
        KnownSecrets.register(config.matrix().accessToken().reveal());
        Optional<String> signalNumber = config.signal().enabled() ? config.signal().number().map(Secret::reveal) : Optional.empty();
        signalNumber.ifPresent(KnownSecrets::register);
        AuthentikClient authentik = new AuthentikClient(config.authentik(), http);
        String owner;
        try {
            owner = authentik.tokenOwner();
            authentik.flowPk();
        } catch (AuthentikException e) {
            throw new StartupException("Authentik check failed (authentik.url / authentik.token / "
                    + "authentik.enrollment_flow): " + e.getMessage());
        }
        StateStore store;
        try {
            store = StateStore.open(config.state().path(), clock);
        } catch (StoreException e) {
            throw new StartupException(e.getMessage());
        }
        Authorizer authorizer = new Authorizer(config.authentik(), config.matrix().trustedServers(), authentik);
        InvitationPolicy policy = new InvitationPolicy(config.invitations(), config.authentik().invitableGroups(),
                signalNumber.isPresent());
        Optional<SignalClient> signal = signalNumber.map(number -> new HttpSignalClient(config.signal().url(), number, http));
        LinkCourier courier = signal.<LinkCourier>map(client -> new SignalCourier(client, signalNumber.get(), Duration.ofSeconds(1)))
                .orElse(delivery -> {
                    throw new CourierException(CourierException.Reason.REFUSED, "Signal delivery is not configured", null);
                });
        InvitationService invitations = new InvitationService(authentik, store, clock);
        InvitationRequests requests = new InvitationRequests(config.requests(), authorizer, policy, invitations, store, clock);
        CommandHandler handler = new CommandHandler(authorizer, policy, invitations, requests, store, retry, courier, clock);
        return new CoreServices(authentik, authorizer, store, handler, requests, owner, signal);
    }

    @Override
    public void close() {
        store.close();
    }
}
