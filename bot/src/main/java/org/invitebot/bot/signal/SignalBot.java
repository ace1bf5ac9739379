package org.invitebot.bot.signal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.invitebot.bot.chat.Backoff;
import org.invitebot.bot.chat.Answer;
import org.invitebot.bot.chat.ExactlyOnce;
import org.invitebot.bot.ops.Ops;
import org.invitebot.bot.ops.Telemetry;
import org.invitebot.bot.text.CommandParser;
import org.invitebot.bot.text.ParseResult;
import org.invitebot.bot.text.Reply;
import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.command.Command;
import org.invitebot.core.config.SignalMode;
import org.invitebot.core.invite.CommandHandler;
import org.invitebot.core.invite.Outcome;
import org.invitebot.core.privacy.Mask;
import org.invitebot.core.store.AuditEntry;
import org.invitebot.core.store.CommandRecord;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.ReceivedCommand;
import org.invitebot.core.store.StateStore;

/**
 * The Signal chat adapter: direct messages to the bot's number from the numbers in {@code signal.admins}
 * are commands, answered over Signal. Messages arrive by polling ({@code normal}, {@code native}) or on a
 * WebSocket ({@code json-rpc}), which is reopened with backoff whenever it drops.
 *
 * <p>Exactly once: a message is identified by its sender and timestamp and recorded before it is acted
 * on; the reply is saved before it is sent. Signal has no transaction IDs, so a crash between sending a
 * reply and marking the command done sends that reply once more.
 */
public final class SignalBot implements AutoCloseable {

    static final String SOURCE = "signal";
    static final String POSITION = "signal.last_message";
    private static final Logger log = LoggerFactory.getLogger(SignalBot.class);
    private static final Duration POLL_WAIT = Duration.ofSeconds(10);
    private static final Duration STILL_OPEN = Duration.ofSeconds(15);

    private final SignalClient signal;
    private final SignalMode mode;
    private final Map<String, String> admins;
    private final CommandParser parser;
    private final CommandHandler handler;
    private final ReplyText text;
    private final StateStore store;
    private final Clock clock;
    private final ExecutorService workers;
    private final ExactlyOnce exactlyOnce;
    private final Ops ops;
    private final RetryPolicy<Object> sendRetry = RetryPolicy.builder()
            .handleIf(fault -> fault instanceof SignalException signal && signal.isTransient())
            .withBackoff(Duration.ofSeconds(1), Backoff.LONGEST)
            .withJitter(0.25)
            .withMaxDuration(Duration.ofMinutes(5))
            .withMaxRetries(-1)
            .build();
    /** Why the WebSocket closed; the receive thread waits on it to reconnect. */
    private final LinkedBlockingQueue<String> socketClosed = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread receiveThread;

    /** @param admins admin number (E.164) → Authentik username */
    public SignalBot(SignalClient signal, SignalMode mode, Map<String, String> admins, String commandPrefix,
            CommandHandler handler, ReplyText text, StateStore store, Clock clock, ExecutorService workers, Ops ops) {
        this.ops = ops;
        this.signal = signal;
        this.mode = mode;
        this.admins = Map.copyOf(admins);
        this.parser = new CommandParser(commandPrefix);
        this.handler = handler;
        this.text = text;
        this.store = store;
        this.clock = clock;
        this.workers = workers;
        this.exactlyOnce = new ExactlyOnce(store);
    }

    /** Resumes unfinished Signal commands and starts receiving. A gateway that is down is retried, never fatal. */
    public void start() {
        try {
            SignalAbout about = signal.about();
            if (!modeMatches(about.mode())) {
                log.warn("signal-cli-rest-api runs in mode {}, but signal.mode is {}: commands over Signal will not arrive",
                        about.mode(), mode.configValue());
            }
        } catch (SignalException e) {
            log.warn("signal-cli-rest-api does not answer yet ({}); receiving will keep trying", e.getMessage());
        }
        List<CommandRecord> unfinished = store.unfinished().stream()
                .filter(record -> record.command().source().equals(SOURCE)).toList();
        unfinished.forEach(record -> workers.execute(() -> process(record.command())));
        running = true;
        receiveThread = new Thread(mode == SignalMode.JSON_RPC ? this::listen : this::poll, "signal-receive");
        receiveThread.setDaemon(true);
        receiveThread.start();
        log.info("receiving Signal messages ({} mode) from {} admin number(s)", mode.configValue(), admins.size());
    }

    private boolean modeMatches(String reported) {
        return reported.equals(mode.configValue()) || mode == SignalMode.JSON_RPC && reported.startsWith("json-rpc");
    }

    private void poll() {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                signal.receive(POLL_WAIT).forEach(this::onMessage);
                ops.heartbeats().beat(Ops.SIGNAL_RECEIVE);
                backoff.reset();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("receiving from Signal failed ({}); retrying in {} s", e.getMessage(), backoff.next().toSeconds());
                ops.heartbeats().failed(Ops.SIGNAL_RECEIVE, String.valueOf(e.getMessage()));
                backoff.pause();
            }
        }
    }

    private void listen() {
        Backoff backoff = new Backoff();
        while (running) {
            socketClosed.clear();
            long opened = System.nanoTime();
            try (AutoCloseable socket = signal.listen(new SignalListener() {
                @Override
                public void onMessage(SignalMessage message) {
                    SignalBot.this.onMessage(message);
                }

                @Override
                public void onClosed(String why) {
                    socketClosed.offer(why);
                }
            })) {
                ops.heartbeats().beat(Ops.SIGNAL_RECEIVE);
                // an open socket is a working receiver, even when nobody writes
                String why;
                while ((why = socketClosed.poll(STILL_OPEN.toMillis(), TimeUnit.MILLISECONDS)) == null) {
                    ops.heartbeats().beat(Ops.SIGNAL_RECEIVE);
                }
                if (!running) {
                    return;
                }
                // a socket that stayed up a while was a working connection: start the backoff afresh
                if (Duration.ofNanos(System.nanoTime() - opened).compareTo(Backoff.LONGEST) > 0) {
                    backoff.reset();
                }
                log.warn("the Signal receive socket closed ({}); reconnecting in {} s", why, backoff.next().toSeconds());
                ops.heartbeats().failed(Ops.SIGNAL_RECEIVE, why);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("could not open the Signal receive socket ({}); retrying in {} s", e.getMessage(),
                        backoff.next().toSeconds());
                ops.heartbeats().failed(Ops.SIGNAL_RECEIVE, String.valueOf(e.getMessage()));
            }
            backoff.pause();
        }
    }

    /** Only admins' direct commands count; anyone else is audited and not answered, so the bot reveals nothing. */
    private void onMessage(SignalMessage message) {
        if (parser.parse(message.text()) instanceof ParseResult.NotACommand) {
            return;
        }
        // logged with every line about the command: the admin's number only masked, told apart by a hash
        String id = SOURCE + ":" + Mask.phone(message.source()) + ":" + Integer.toHexString(message.source().hashCode()) + ":"
                + message.timestamp();
        if (!admins.containsKey(message.source())) {
            if (store.markOnce(id, "ignored")) {
                store.audit(new AuditEntry(clock.instant(), "Signal " + Mask.phone(message.source()), "signal", "ignored",
                        "not in signal.admins"));
                log.info("ignored a Signal message from {}: not in signal.admins", Mask.phone(message.source()));
            }
            return;
        }
        // signal-cli-rest-api forgets a message once it has handed it over: it is ours alone to keep
        store.receive(List.of(new ReceivedCommand(id, SOURCE, message.source(), message.source(), message.text())),
                POSITION, Long.toString(message.timestamp()), Durability.ON_DISK)
                .forEach(command -> workers.execute(() -> process(command)));
    }

    private void process(ReceivedCommand command) {
        try (MDC.MDCCloseable logged = MDC.putCloseable("command", command.id())) {
            exactlyOnce.run(command, this::decide, answer -> send(command, answer.reply()));
        } catch (SignalException e) {
            log.warn("could not answer {} over Signal: {}; it is resumed at the next start", command.id(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("command {} from Signal failed unexpectedly; it is resumed at the next start", command.id(), e);
        }
    }

    /** A Signal conversation with the admin is private, so a link is part of the reply. */
    private Answer decide(ReceivedCommand command) {
        ParseResult parsed = parser.parse(command.body());
        if (parsed instanceof ParseResult.Malformed malformed) {
            ops.telemetry().malformedCommand();
            return Answer.refused(text.malformed(malformed.error()));
        }
        Principal sender = new Principal.SignalUser(command.sender(), admins.get(command.sender()));
        Command parsedCommand = ((ParseResult.Parsed) parsed).command();
        Outcome outcome = handler.handle(command.id(), sender, parsedCommand,
                (fault, retryingFor) -> tellWaiting(command, text.waitingForAuthentik(fault, retryingFor)));
        ops.telemetry().command(Telemetry.name(parsedCommand), outcome);
        Optional<Outcome.Created> withLink = outcome instanceof Outcome.Created created ? Optional.of(created)
                : outcome instanceof Outcome.Reissued reissued ? Optional.of(reissued.created())
                : outcome instanceof Outcome.NotDelivered failed && !failed.revoked() ? Optional.of(failed.created())
                : Optional.empty();
        Reply reply = text.of(outcome);
        return Answer.of(withLink.filter(created -> created.plan().adminSeesLink()).map(created -> reply.then(text.link(created)))
                .orElse(reply), outcome);
    }

    private void tellWaiting(ReceivedCommand command, Reply reply) {
        try {
            signal.send(command.conversation(), reply.body());
        } catch (SignalException e) {
            log.warn("could not tell {} that {} is waiting: {}", Mask.phone(command.sender()), command.id(), e.getMessage());
        }
    }

    private void send(ReceivedCommand command, Reply reply) {
        Failsafe.with(sendRetry).run(() -> signal.send(command.conversation(), reply.body()));
    }

    @Override
    public void close() {
        running = false;
        socketClosed.offer("invitebot stops");
        Backoff.stop(receiveThread, workers);
    }
}
