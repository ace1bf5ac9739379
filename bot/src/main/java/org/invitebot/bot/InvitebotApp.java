package org.invitebot.bot;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.matrix.HttpMatrixClient;
import org.invitebot.bot.matrix.MatrixClient;
import org.invitebot.bot.matrix.Whoami;
import org.invitebot.bot.matrix.e2ee.EncryptingMatrixClient;
import org.invitebot.bot.matrix.e2ee.Encryption;
import org.invitebot.bot.matrix.e2ee.PickleKey;
import org.invitebot.bot.matrix.MatrixBot;
import org.invitebot.bot.matrix.MatrixException;
import org.invitebot.bot.matrix.MatrixFollowUps;
import org.invitebot.bot.matrix.MatrixRequests;
import org.invitebot.bot.ops.FollowUpCounts;
import org.invitebot.bot.ops.Heartbeats;
import org.invitebot.bot.ops.Ops;
import org.invitebot.bot.ops.OpsServer;
import org.invitebot.bot.ops.Telemetry;
import org.invitebot.bot.ops.UpstreamMetrics;
import org.invitebot.bot.signal.SignalBot;
import org.invitebot.bot.signal.SignalFollowUps;
import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.config.EncryptionSettings;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.followup.EventWatcher;
import org.invitebot.core.followup.FollowUpSink;
import org.invitebot.core.followup.FollowUps;
import org.invitebot.core.invite.RetryWindow;
import org.invitebot.core.store.StateStore;

/** Wires the bot from its configuration and runs it until closed. The one place that knows every part. */
public final class InvitebotApp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InvitebotApp.class);
    private static final int WORKERS = 32;

    private final MatrixBot matrixBot;
    private final Optional<SignalBot> signalBot;
    private final FollowUpLoop followUps;
    private final StateStore store;
    private final OpsServer opsServer;

    private InvitebotApp(MatrixBot matrixBot, Optional<SignalBot> signalBot, FollowUpLoop followUps, StateStore store,
            OpsServer opsServer) {
        this.matrixBot = matrixBot;
        this.signalBot = signalBot;
        this.followUps = followUps;
        this.store = store;
        this.opsServer = opsServer;
    }

    /** Where {@code /healthz} and {@code /metrics} listen. */
    public int httpPort() {
        return opsServer.port();
    }

    /**
     * Checks both tokens and the enrollment flow, then starts following Matrix.
     *
     * @throws StartupException with one line naming what is wrong
     */
    public static InvitebotApp start(InvitebotConfig config, Clock clock) throws StartupException {
        return start(config, clock, RetryWindow.standard());
    }

    /** @param retry how long a command waits for Authentik to come back: shorter in tests */
    static InvitebotApp start(InvitebotConfig config, Clock clock, RetryWindow retry) throws StartupException {
        log.info("invitebot {} starting on Java {}", BuildInfo.current(), Runtime.version());
        Heartbeats heartbeats = new Heartbeats(Clock.systemUTC());
        heartbeats.expect(Ops.MATRIX_SYNC, Duration.ofSeconds(90));
        Duration pollInterval = config.invitations().eventsPollInterval();
        heartbeats.expect(Ops.AUTHENTIK_EVENTS, max(pollInterval.multipliedBy(3), Duration.ofSeconds(60)));
        if (config.signal().enabled()) {
            heartbeats.expect(Ops.SIGNAL_RECEIVE, Duration.ofSeconds(90));
        }
        Telemetry telemetry = new Telemetry(heartbeats, List.of(Ops.MATRIX_SYNC, Ops.AUTHENTIK_EVENTS, Ops.SIGNAL_RECEIVE));
        Ops ops = new Ops(heartbeats, telemetry);
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(new UpstreamMetrics(telemetry, Map.of(
                HttpUrl.get(config.authentik().url().toString()), "authentik",
                HttpUrl.get(config.matrix().homeserver().toString()), "matrix",
                HttpUrl.get(config.signal().url().toString()), "signal"))).build();
        OpsServer opsServer;
        try {
            opsServer = OpsServer.start(config.http().port(), heartbeats, telemetry);
        } catch (UncheckedIOException e) {
            throw new StartupException(e.getMessage() + " (is another invitebot running?)");
        }
        try {
            return start(config, clock, retry, http, ops, opsServer);
        } catch (StartupException | RuntimeException e) {
            opsServer.close();
            throw e;
        }
    }

    private static InvitebotApp start(InvitebotConfig config, Clock clock, RetryWindow retry, OkHttpClient http, Ops ops,
            OpsServer opsServer) throws StartupException {
        CoreServices core = CoreServices.open(config, http, clock, retry);
        log.info("Authentik at {} answers; acting as {}", config.authentik().url(), core.botAccount());
        StateStore store = core.store();
        if (store.beginRun()) {
            log.warn("the previous run did not stop cleanly (killed, crashed or cut off); resuming {} unfinished command(s)",
                    store.unfinished().size());
        }

        HttpMatrixClient plain = new HttpMatrixClient(HttpUrl.get(config.matrix().homeserver().toString()),
                config.matrix().userId(), config.matrix().accessToken(), http);
        ReplyText text = new ReplyText(config.matrix().commandPrefix(), clock, config.invitations().emailConfirmTimeout());
        MatrixBot bot = null;
        MatrixClient matrix = plain;
        try {
            Optional<Encryption> encryption = encryption(plain, config, store, clock);
            if (encryption.isPresent()) {
                matrix = new EncryptingMatrixClient(plain, encryption.get());
            }
            bot = new MatrixBot(matrix, encryption, config.matrix(),
                    new MatrixRequests(config.requests(), core.requests(), core.authentik()::enrollmentLink),
                    core.handler(), core.authorizer(), text, store, workers(), ops);
            bot.start();
        } catch (MatrixException | IllegalStateException e) {
            if (bot != null) {
                bot.close();
            }
            store.endRun();
            store.close();
            if (!(e instanceof MatrixException matrixFault)) {
                throw new StartupException("end-to-end encryption could not start: " + e.getMessage());
            }
            String hint = matrixFault.status() == 401 || matrixFault.status() == 403
                    ? "the homeserver refused matrix.access_token"
                    : "matrix.homeserver / matrix.user_id";
            throw new StartupException("Matrix check failed (" + hint + "): " + e.getMessage());
        }
        List<FollowUpSink> sinks = new ArrayList<>(List.of(new MatrixFollowUps(matrix, store, text, config.matrix().notificationsRoom()),
                new FollowUpCounts(ops.telemetry())));
        core.signal().ifPresent(signal -> sinks.add(new SignalFollowUps(signal, store, text)));
        FollowUps followUps = new FollowUps(core.authentik(), store, FollowUpSink.all(sinks),
                config.invitations().emailConfirmTimeout(), config.invitations().linkAbandonWindow(), clock);
        FollowUpLoop loop = new FollowUpLoop(new EventWatcher(core.authentik(), store, followUps), followUps,
                config.invitations().eventsPollInterval(), config.invitations().sweepInterval(), ops);
        Optional<SignalBot> signalBot = core.signal().map(signal -> new SignalBot(signal, config.signal().mode(),
                config.signal().admins(), config.matrix().commandPrefix(), core.handler(), text, store, clock, workers(), ops));
        signalBot.ifPresent(SignalBot::start);
        log.info("/healthz and /metrics on http.port {}", opsServer.port());
        return new InvitebotApp(bot, signalBot, loop, store, opsServer);
    }

    /** Empty when encryption is off or cannot start: the bot then says once in encrypted rooms that it cannot read them. */
    private static Optional<Encryption> encryption(MatrixClient matrix, InvitebotConfig config, StateStore store, Clock clock) {
        EncryptionSettings settings = config.matrix().encryption();
        if (!settings.enabled()) {
            log.info("end-to-end encryption is off (matrix.encryption.enabled: false)");
            return Optional.empty();
        }
        Whoami me = matrix.whoami();
        if (!me.userId().equals(config.matrix().userId())) {
            return Optional.empty();
        }
        if (me.deviceId().isEmpty()) {
            log.warn("end-to-end encryption cannot start: the homeserver names no device for matrix.access_token;"
                    + " use a token from a login (it belongs to a device), not an application service token");
            return Optional.empty();
        }
        byte[] pickleKey = PickleKey.resolve(settings.pickleKey(), config.state().path());
        return Optional.of(Encryption.start(matrix, store, me.userId(), me.deviceId().get(), pickleKey, settings,
                config.matrix().password(), clock));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Commands wait on Authentik while it is down (up to the retry window), so the pool grows to let
     * new commands, even a {@code !help}, be answered meanwhile; idle threads go away again.
     */
    private static ExecutorService workers() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "command-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public void close() {
        followUps.close();
        signalBot.ifPresent(SignalBot::close);
        matrixBot.close();
        store.endRun();
        store.close();
        opsServer.close();
    }
}
