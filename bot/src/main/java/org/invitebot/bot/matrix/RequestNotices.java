package org.invitebot.bot.matrix;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.chat.Backoff;
import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.invite.InvitationRequests;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.store.CommandRecord;
import org.invitebot.core.store.InvitationRequest;
import org.invitebot.core.store.RequestState;
import org.invitebot.core.store.StateStore;

/**
 * Tells requesters how their request ended, whoever decided it (in chat or from a shell) and whenever (a
 * request decided while the bot was stopped is told at the next start), and closes requests nobody decided in
 * time. Each message goes under a transaction ID of the request, and the request is marked told only after,
 * so a stop in between repeats the send, which the homeserver keeps once.
 */
final class RequestNotices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RequestNotices.class);
    private static final Duration PERIOD = Duration.ofSeconds(5);

    private final MatrixClient matrix;
    private final DirectRooms directRooms;
    private final StateStore store;
    private final InvitationRequests requests;
    private final Function<Invitation, URI> links;
    private final ReplyText text;
    private final String approversRoom;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    /** @param links the enrollment link of an invitation, for a request approved in link mode */
    RequestNotices(MatrixClient matrix, DirectRooms directRooms, StateStore store, InvitationRequests requests,
            Function<Invitation, URI> links, ReplyText text, String approversRoom) {
        this.matrix = matrix;
        this.directRooms = directRooms;
        this.store = store;
        this.requests = requests;
        this.links = links;
        this.text = text;
        this.approversRoom = approversRoom;
    }

    void start() {
        running = true;
        thread = new Thread(this::loop, "request-notices");
        thread.setDaemon(true);
        thread.start();
    }

    /** A request was just decided: tell its requester now rather than at the next round. */
    void wake() {
        wake.release();
    }

    private void loop() {
        while (running) {
            try {
                runOnce();
                wake.tryAcquire(PERIOD.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a fault of the state file: the next round tries again
                log.warn("could not look at invitation requests: {}", e.getMessage());
            }
        }
    }

    void runOnce() {
        requests.expire();
        for (InvitationRequest request : store.untoldRequests()) {
            try {
                tell(request);
            } catch (MatrixException e) {
                if (e.isTransient()) {
                    log.warn("could not tell {} how request {} ended: {}; trying again later", request.requester(),
                            request.id(), e.getMessage());
                } else {
                    // refused for good (the bot was removed from the room): asking every round would only fill the log
                    log.warn("could not tell {} how request {} ended: {}; giving up", request.requester(), request.id(),
                            e.getMessage());
                    store.requesterTold(request.id());
                }
            }
        }
    }

    private void tell(InvitationRequest request) {
        Optional<CommandRecord> asked = store.command(request.commandId());
        Optional<Invitation> made = request.invitationName().flatMap(store::invitationAsMade);
        if (request.state() == RequestState.APPROVED && made.isPresent() && made.get().email().isEmpty()) {
            // the link is a credential: it goes to the requester alone, in a direct message (encrypted where it can be)
            matrix.send(directRooms.roomWith(request.requester()), "m.room.message", TxnIds.of(request.commandId(), "request-link"),
                    MatrixBot.content(text.link(made.get(), links.apply(made.get()))));
        }
        if (asked.isPresent()) {
            ObjectNode content = MatrixBot.content(text.requestOutcome(request, made));
            content.set("m.relates_to", Relations.answer(asked.get().command()));
            matrix.send(asked.get().command().conversation(), "m.room.message", TxnIds.of(request.commandId(), "request-outcome"),
                    content);
        }
        if (request.state() == RequestState.EXPIRED && request.postEvent().isPresent()) {
            ObjectNode content = MatrixBot.content(text.requestExpired(request));
            content.set("m.relates_to", Relations.inThread(request.postEvent().get(), request.postEvent().get()));
            matrix.send(approversRoom, "m.room.message", TxnIds.of(request.commandId(), "request-expired"), content);
        }
        store.requesterTold(request.id());
        log.info("told {} that request {} was {}", request.requester(), request.id(), request.state().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {
        running = false;
        Backoff.stop(thread);
    }
}
