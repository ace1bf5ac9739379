package org.invitebot.bot.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.invitebot.bot.chat.Answer;
import org.invitebot.bot.chat.Backoff;
import org.invitebot.bot.chat.ExactlyOnce;
import org.invitebot.bot.matrix.e2ee.Encryption;
import org.invitebot.bot.ops.Ops;
import org.invitebot.bot.ops.Telemetry;
import org.invitebot.bot.text.CommandParser;
import org.invitebot.bot.text.ParseResult;
import org.invitebot.bot.text.Reply;
import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.authz.Authorization;
import org.invitebot.core.authz.Authorizer;
import org.invitebot.core.authz.Membership;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.core.command.Command;
import org.invitebot.core.command.Help;
import org.invitebot.core.command.Request;
import org.invitebot.core.command.Trust;
import org.invitebot.core.config.MatrixSettings;
import org.invitebot.core.config.RoomSettings;
import org.invitebot.core.invite.CommandHandler;
import org.invitebot.core.invite.Outcome;
import org.invitebot.core.store.CommandRecord;
import org.invitebot.core.store.CommandState;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.InvitationRequest;
import org.invitebot.core.store.ReceivedCommand;
import org.invitebot.core.store.StateStore;
import org.invitebot.core.store.VaultWrite;

/**
 * The Matrix chat adapter: follows {@code /sync}, turns new text messages into commands, and posts
 * the outcome as a reply to the command.
 *
 * <p>Exactly once (SPEC §5): the commands of a sync batch are recorded together with the batch's
 * token before any is acted on; each command's reply is saved before it is sent and sent under a
 * transaction ID derived from the command's event ID; a restart resumes every unfinished command.
 */
public final class MatrixBot implements AutoCloseable {

    static final String SOURCE = "matrix";
    /** A decision by reaction on a request's message in the approvers' room: a command without text of its own. */
    static final String REACTION = "matrix-reaction";
    static final String SYNC_POSITION = "matrix.sync";
    private static final Logger log = LoggerFactory.getLogger(MatrixBot.class);
    private static final Duration LONG_POLL = Duration.ofSeconds(30);
    private static final String DONE = "✅";
    private static final String REFUSED = "❌";
    private static final String WAITING = "⏳";
    /** How long a reaction to an unknown event waits for the posts under way to be kept. */
    private static final Duration POST_WAIT = Duration.ofSeconds(5);

    private final MatrixClient matrix;
    private final Optional<Encryption> encryption;
    private final MatrixSettings settings;
    private final Map<String, RoomSettings> rooms;
    private final CommandParser parser;
    private final CommandHandler handler;
    private final Authorizer authorizer;
    private final ReplyText text;
    private final StateStore store;
    private final DirectRooms directRooms;
    private final ExecutorService workers;
    private final ObjectMapper json = new ObjectMapper();
    private final ExactlyOnce exactlyOnce;
    private final Ops ops;
    private final MatrixRequests requests;
    private final RequestNotices notices;
    private final RetryPolicy<Object> sendRetry = RetryPolicy.builder()
            .handleIf(fault -> fault instanceof MatrixException matrix && matrix.isTransient())
            .withBackoff(Duration.ofSeconds(1), Backoff.LONGEST)
            .withJitter(0.25)
            .withMaxRetries(-1)
            .withMaxDuration(Duration.ofMinutes(5))
            .build();
    private volatile boolean running;
    private Thread syncThread;
    private final Object posting = new Object();
    /** Requests being posted to the approvers' room whose event is not yet kept; guarded by {@link #posting}. */
    private int postsInFlight;

    /** @param encryption present when end-to-end encryption runs; {@code matrix} then encrypts what it sends */
    public MatrixBot(MatrixClient matrix, Optional<Encryption> encryption, MatrixSettings settings, MatrixRequests requests,
            CommandHandler handler, Authorizer authorizer, ReplyText text, StateStore store, ExecutorService workers, Ops ops) {
        this.requests = requests;
        this.encryption = encryption;
        this.ops = ops;
        this.matrix = matrix;
        this.settings = settings;
        this.rooms = settings.rooms().stream().collect(Collectors.toUnmodifiableMap(RoomSettings::id, Function.identity()));
        this.parser = new CommandParser(settings.commandPrefix());
        this.handler = handler;
        this.authorizer = authorizer;
        this.text = text;
        this.store = store;
        this.directRooms = new DirectRooms(matrix, settings.userId(), encryption.isPresent());
        this.workers = workers;
        this.exactlyOnce = new ExactlyOnce(store);
        this.notices = new RequestNotices(matrix, directRooms, store, requests.requests(), requests.links(), text,
                requests.settings().approversRoom());
    }

    /**
     * Checks the token, resumes unfinished commands and starts following new events. On the very
     * first start, everything already in the rooms is history and is skipped.
     *
     * @throws MatrixException when the homeserver refuses the token or cannot be reached
     */
    public void start() {
        String me = matrix.whoami().userId();
        if (!me.equals(settings.userId())) {
            throw new MatrixException("the Matrix access token belongs to " + me + ", not to matrix.user_id "
                    + settings.userId(), 0, "", null);
        }
        String filterId = matrix.uploadFilter(me, filter());
        Set<String> toJoin = new LinkedHashSet<>(rooms.keySet());
        settings.notificationsRoom().ifPresent(toJoin::add);
        if (requests.settings().enabled()) {
            toJoin.addAll(requests.settings().rooms());
            toJoin.add(requests.settings().approversRoom());
        }
        for (String room : toJoin) {
            try {
                matrix.join(room);
            } catch (MatrixException e) {
                log.warn("cannot join configured room {}: {} (invite {} to it)", room, e.getMessage(), me);
            }
        }
        String since = store.position(SYNC_POSITION).orElseGet(() -> {
            SyncBatch first = matrix.sync(Optional.empty(), filterId, Duration.ZERO);
            first.invites().forEach(this::onInvite);
            if (encryption.isEmpty()) {
                first.encryptedRooms().forEach(this::sayCannotReadEncrypted);
            }
            // what is history: lost to a power cut, commands sent since would be skipped; its room keys are kept
            read(first, true, plain -> List.of(), Durability.ON_DISK);
            ops.heartbeats().beat(Ops.MATRIX_SYNC);
            return first.nextBatch();
        });
        List<CommandRecord> unfinished = store.unfinished().stream()
                .filter(record -> record.command().source().equals(SOURCE) || record.command().source().equals(REACTION)).toList();
        if (!unfinished.isEmpty()) {
            log.info("resuming {} command(s) a previous run did not finish", unfinished.size());
        }
        keepPendingPosts();
        // a reaction not yet started may have been taken back while the bot was down: the next batch says so first
        List<ReceivedCommand> notYetStarted = unfinished.stream()
                .filter(record -> record.command().source().equals(REACTION) && record.state() == CommandState.RECEIVED)
                .map(CommandRecord::command).toList();
        unfinished.stream().map(CommandRecord::command).filter(command -> !notYetStarted.contains(command))
                .forEach(command -> workers.execute(() -> process(command)));
        running = true;
        syncThread = new Thread(() -> follow(filterId, since, notYetStarted), "matrix-sync");
        syncThread.setDaemon(true);
        syncThread.start();
        if (requests.settings().enabled()) {
            notices.start();
        }
        log.info("following Matrix as {} in {} configured room(s)", me, rooms.size());
    }

    /** @param afterFirstBatch commands to resume once the first batch is read */
    private void follow(String filterId, String since, List<ReceivedCommand> afterFirstBatch) {
        String token = since;
        List<ReceivedCommand> deferred = new ArrayList<>(afterFirstBatch);
        Backoff backoff = new Backoff();
        while (running) {
            try {
                Duration wait = encryption.map(crypto -> crypto.untilNextDeadline(LONG_POLL)).orElse(LONG_POLL);
                SyncBatch batch = matrix.sync(Optional.of(token), filterId, wait);
                batch.invites().forEach(this::onInvite);
                if (encryption.isEmpty()) {
                    batch.encryptedRooms().forEach(this::sayCannotReadEncrypted);
                }
                Set<String> redacted = redactedIn(batch);
                read(batch, false, plain -> commandsIn(plain, redacted), Durability.CRASH_SAFE)
                        .forEach(command -> workers.execute(() -> process(command)));
                redacted.forEach(this::withdraw);
                deferred.forEach(command -> workers.execute(() -> process(command)));
                deferred.clear();
                encryption.ifPresent(this::tellUnreadable);
                token = batch.nextBatch();
                ops.heartbeats().beat(Ops.MATRIX_SYNC);
                backoff.reset();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // a fault of the homeserver or of the state file: keep the token and try again; never give up
                log.warn("sync failed ({}); retrying in {} s", e.getMessage(), backoff.next().toSeconds());
                ops.heartbeats().failed(Ops.MATRIX_SYNC, String.valueOf(e.getMessage()));
                backoff.pause();
            }
        }
    }

    /**
     * Records the batch's commands with its position; with encryption, in the same transaction as what
     * decrypting it changed, from the batch's decrypted form.
     */
    private List<ReceivedCommand> read(SyncBatch batch, boolean history, Function<SyncBatch, List<ReceivedCommand>> commands,
            Durability durability) {
        if (encryption.isEmpty()) {
            return store.receive(commands.apply(batch), SYNC_POSITION, batch.nextBatch(), durability);
        }
        return encryption.get().read(batch, history, (plain, writes, needed) -> {
            List<ReceivedCommand> received = commands.apply(plain);
            Map<String, String> distrusted = plain.events().stream().filter(event -> event.distrust().isPresent())
                    .collect(Collectors.toMap(SyncBatch.RoomEvent::eventId, event -> event.distrust().get(), (a, b) -> a));
            List<VaultWrite> all = new ArrayList<>(writes);
            received.stream().filter(command -> distrusted.containsKey(command.id()))
                    .forEach(command -> all.add(Encryption.distrustOf(command.id(), distrusted.get(command.id()))));
            return store.receive(received, SYNC_POSITION, plain.nextBatch(), needed == Durability.ON_DISK ? needed : durability, all);
        });
    }

    /** Commands and decisions by reaction, except those taken back in the same batch. */
    private List<ReceivedCommand> commandsIn(SyncBatch plain, Set<String> redacted) {
        List<ReceivedCommand> commands = new ArrayList<>();
        for (SyncBatch.RoomEvent event : plain.eventsAfterJoinOf(settings.userId())) {
            if (redacted.contains(event.eventId())) {
                continue;
            }
            if (isCommand(event)) {
                commands.add(new ReceivedCommand(event.eventId(), SOURCE, event.roomId(), event.sender(),
                        event.content().path("body").asText(), Relations.threadOf(event.content())));
            } else {
                decisionBy(event).ifPresent(commands::add);
            }
        }
        return commands;
    }

    /**
     * A ✅ or ❌ on a request's message in the approvers' room is {@code !approve} or {@code !deny} by whoever reacted:
     * recorded with the batch like any command, so it is acted on once, and answered in the message's thread.
     */
    private Optional<ReceivedCommand> decisionBy(SyncBatch.RoomEvent event) {
        JsonNode relation = event.content().path("m.relates_to");
        if (!event.type().equals("m.reaction") || event.sender().equals(settings.userId())
                || !requests.settings().enabled() || !event.roomId().equals(requests.settings().approversRoom())
                || !relation.path("rel_type").asText().equals("m.annotation")) {
            return Optional.empty();
        }
        // clients add a variation selector to some emoji and not to others
        String key = relation.path("key").asText().replace("\uFE0F", "");
        String decision = key.equals(DONE) ? "approve" : key.equals(REFUSED) ? "deny" : null;
        if (decision == null) {
            return Optional.empty();
        }
        String post = relation.path("event_id").asText();
        return requestPostedAs(post).map(request -> new ReceivedCommand(event.eventId(), REACTION, event.roomId(),
                event.sender(), settings.commandPrefix() + decision + " " + request.id(), Optional.of(post)));
    }

    /** The events that redactions in the batch take back; redactions are never encrypted. */
    private static Set<String> redactedIn(SyncBatch batch) {
        return batch.events().stream().filter(event -> event.type().equals("m.room.redaction"))
                .map(event -> event.content().path("redacts").asText()).filter(id -> !id.isEmpty())
                .collect(Collectors.toSet());
    }

    /** A command or reaction taken back before the bot started on it comes to nothing. */
    private void withdraw(String eventId) {
        if (store.withdraw(eventId)) {
            log.info("{} was taken back before it was acted on; nothing was done", eventId);
        }
    }

    /** A command that could not be decrypted is never left in silence: its sender is told, once, what to do. */
    private void tellUnreadable(Encryption crypto) {
        for (Encryption.Unreadable unreadable : crypto.unreadable()) {
            boolean here = rooms.containsKey(unreadable.roomId())
                    || directRooms.isDirectWith(unreadable.roomId(), unreadable.sender());
            try {
                if (here) {
                    ObjectNode content = content(text.couldNotDecrypt(unreadable.why()));
                    content.set("m.relates_to", Relations.threadOf(unreadable.content())
                            .map(root -> Relations.inThread(root, unreadable.eventId()))
                            .orElseGet(() -> Relations.reply(unreadable.eventId())));
                    matrix.send(unreadable.roomId(), "m.room.message", TxnIds.of(unreadable.eventId(), "unreadable"), content);
                }
                crypto.told(unreadable.eventId());
            } catch (MatrixException e) {
                log.warn("could not tell {} that {} could not be decrypted: {}", unreadable.sender(), unreadable.eventId(),
                        e.getMessage());
            }
        }
    }

    private void onInvite(SyncBatch.RoomInvite invite) {
        try {
            Principal inviter = new Principal.MatrixUser(invite.inviter());
            // members may open a DM to make requests in; only admins may bring the bot into other rooms
            boolean member = invite.direct() && requests.settings().enabled()
                    && authorizer.member(inviter) instanceof Membership.Member;
            if (member || authorizer.authorize(inviter) instanceof Authorization.Allowed) {
                matrix.join(invite.roomId());
                if (invite.direct()) {
                    directRooms.remember(invite.inviter(), invite.roomId());
                }
                log.info("joined {} on the invitation of {}", invite.roomId(), invite.inviter());
            } else {
                log.info("ignored invitation to {} from {}: not an authorised admin{}", invite.roomId(), invite.inviter(),
                        requests.settings().enabled() && invite.direct() ? " or member" : "");
            }
        } catch (RuntimeException e) {
            log.warn("could not act on the invitation to {} from {}: {}", invite.roomId(), invite.inviter(), e.getMessage());
        }
    }

    /** Said once per room, ever: the bot cannot decrypt, so commands typed there would go unanswered. */
    private void sayCannotReadEncrypted(String roomId) {
        try {
            if (store.firstNotice(roomId, "encrypted")) {
                matrix.send(roomId, "m.room.message", TxnIds.of(roomId, "encrypted"), content(text.cannotReadEncrypted()));
            }
        } catch (MatrixException e) {
            log.warn("could not tell {} that it is encrypted: {}", roomId, e.getMessage());
        }
    }

    /** A new plain-text message from someone else that starts like a command; edits are not re-run. */
    private boolean isCommand(SyncBatch.RoomEvent event) {
        return event.type().equals("m.room.message")
                && !event.sender().equals(settings.userId())
                && event.content().path("msgtype").asText().equals("m.text")
                && !event.content().path("m.relates_to").path("rel_type").asText().equals("m.replace")
                && !(parser.parse(event.content().path("body").asText()) instanceof ParseResult.NotACommand);
    }

    private void process(ReceivedCommand command) {
        try (MDC.MDCCloseable logged = MDC.putCloseable("command", command.id())) {
            exactlyOnce.run(command, this::decide, answer -> answer(command, answer));
        } catch (MatrixException e) {
            log.warn("could not answer {} in {}: {}; it is resumed at the next start", command.id(),
                    command.conversation(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("command {} in {} failed unexpectedly; it is resumed at the next start", command.id(),
                    command.conversation(), e);
        }
    }

    /**
     * Acts on the command and returns the reply; a link for a DM is delivered here, before the reply is fixed.
     * Commands count in configured rooms and in an authorised user's direct-message room with the bot,
     * which is private by nature.
     */
    private Answer decide(ReceivedCommand command) {
        ParseResult parsed = parser.parse(command.body());
        boolean direct = directRooms.isDirectWith(command.conversation(), command.sender());
        boolean requestRoom = requests.settings().enabled() && requests.settings().rooms().contains(command.conversation());
        RoomSettings room = direct ? new RoomSettings(command.conversation(), true) : rooms.get(command.conversation());
        if (room == null && requests.settings().approvers().filter(command.conversation()::equals).isPresent()) {
            // admins decide where the requests are posted, also when it is no room of matrix.rooms; links go by DM
            room = new RoomSettings(command.conversation(), false);
        }
        if (room == null && !requestRoom) {
            return Answer.refused(text.notHere());
        }
        Optional<String> distrust = encryption.flatMap(crypto -> crypto.refusal(command.id(), command.sender()));
        if (distrust.isPresent()) {
            return Answer.refused(text.untrustedDevice(distrust.get()));
        }
        if (parsed instanceof ParseResult.Malformed malformed) {
            ops.telemetry().malformedCommand();
            return Answer.refused(text.malformed(malformed.error()));
        }
        Command parsedCommand = ((ParseResult.Parsed) parsed).command();
        if (room == null && !(parsedCommand instanceof Request || parsedCommand instanceof Help)) {
            return Answer.refused(text.onlyRequestsHere());
        }
        if (parsedCommand instanceof Request && !direct && !requestRoom) {
            return Answer.refused(text.requestsNotHere(requests.settings().enabled()));
        }
        if (parsedCommand instanceof Trust trust) {
            return confirmIdentity(command, trust);
        }
        Outcome outcome = handler.handle(command.id(), new Principal.MatrixUser(command.sender()), parsedCommand,
                (fault, retryingFor) -> tellWaiting(command, text.waitingForAuthentik(fault, retryingFor)));
        ops.telemetry().command(Telemetry.name(parsedCommand), outcome);
        Reply reply;
        if (outcome instanceof Outcome.Created created) {
            reply = deliverCreated(command, room, created, text.created(created));
        } else if (outcome instanceof Outcome.Reissued reissued) {
            reply = deliverCreated(command, room, reissued.created(), text.reissued(reissued));
        } else if (outcome instanceof Outcome.NotDelivered notDelivered && !notDelivered.revoked()) {
            reply = deliverCreated(command, room, notDelivered.created(), text.notDelivered(notDelivered));
        } else if (outcome instanceof Outcome.RequestOpened opened) {
            reply = postRequest(command, opened.request());
        } else if (outcome instanceof Outcome.RequestApproved || outcome instanceof Outcome.RequestDenied) {
            notices.wake();
            reply = text.of(outcome);
        } else {
            reply = text.of(outcome);
        }
        return Answer.of(reply, outcome);
    }

    /**
     * Puts the request before the approvers, once: the message goes under the command's transaction ID, and its
     * event is kept so that reactions to it count as decisions.
     */
    private Reply postRequest(ReceivedCommand command, InvitationRequest request) {
        try {
            post(request);
            return text.requestOpened(request);
        } catch (MatrixException e) {
            log.warn("could not post request {} to the approvers' room {}: {}", request.id(),
                    requests.settings().approversRoom(), e.getMessage());
            return text.requestOpened(request).and(text.requestNotPosted());
        }
    }

    private void post(InvitationRequest request) {
        if (request.postEvent().isPresent()) {
            return;
        }
        synchronized (posting) {
            postsInFlight++;
        }
        try {
            String event = Failsafe.with(sendRetry).get(() -> matrix.send(requests.settings().approversRoom(), "m.room.message",
                    TxnIds.of(request.commandId(), "request"), content(text.requestPosted(request))));
            store.savePostEvent(request.id(), event);
        } finally {
            synchronized (posting) {
                postsInFlight--;
                posting.notifyAll();
            }
        }
    }

    /**
     * The request posted as {@code eventId}. An admin may react to a post before its sender has kept its event ID (the
     * homeserver shows the post as soon as it has it): while posts are under way, the reaction waits for them, briefly.
     */
    private Optional<InvitationRequest> requestPostedAs(String eventId) {
        Optional<InvitationRequest> found = store.requestPostedAs(eventId);
        long deadline = System.nanoTime() + POST_WAIT.toNanos();
        synchronized (posting) {
            while (found.isEmpty() && postsInFlight > 0 && System.nanoTime() < deadline) {
                try {
                    posting.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return found;
                }
                found = store.requestPostedAs(eventId);
            }
        }
        return found;
    }

    /**
     * A stop between posting a request and keeping the post's event would leave reactions to it unread: before the
     * first sync, the post is sent again under its transaction ID, which gives back the same event.
     */
    private void keepPendingPosts() {
        for (InvitationRequest request : store.openRequests()) {
            if (request.postEvent().isEmpty()) {
                try {
                    post(request);
                } catch (MatrixException e) {
                    log.warn("could not post request {} to the approvers' room: {}", request.id(), e.getMessage());
                }
            }
        }
    }

    /** {@code !trust}: identities are the Matrix adapter's, so it is answered here, for admins only. */
    private Answer confirmIdentity(ReceivedCommand command, Trust trust) {
        Authorization authorization;
        try {
            authorization = authorizer.authorize(new Principal.MatrixUser(command.sender()));
        } catch (AuthentikException e) {
            return Answer.refused(text.of(new Outcome.Failed(e.getMessage())));
        }
        if (!(authorization instanceof Authorization.Allowed)) {
            return Answer.refused(text.of(new Outcome.NotAuthorised()));
        }
        if (trust.userId().equals(command.sender())) {
            return Answer.refused(text.trustNotYourself());
        }
        if (encryption.isEmpty()) {
            return Answer.refused(text.trustWithoutEncryption());
        }
        return encryption.get().acknowledgeIdentity(trust.userId(), command.sender())
                ? Answer.done(text.identityConfirmed(trust.userId())) : Answer.refused(text.noIdentityChange(trust.userId()));
    }

    /** A notice, and a ⏳ on the command whose event is kept (on disk before it is sent) to be taken back with the answer. */
    private void tellWaiting(ReceivedCommand command, Reply reply) {
        try {
            sendReply(command, "waiting", reply);
            if (reactsTo(command) && store.command(command.id()).flatMap(CommandRecord::waitingEvent).isEmpty()) {
                store.saveWaitingEvent(command.id(), "");
                react(command, WAITING, "reaction-waiting").ifPresent(event -> store.saveWaitingEvent(command.id(), event));
            }
        } catch (MatrixException e) {
            log.warn("could not tell {} that {} is waiting: {}", command.sender(), command.id(), e.getMessage());
        }
    }

    /** The reply, then ✅ or ❌ on the command, then the ⏳ taken back: all under the command's transaction IDs. */
    private void answer(ReceivedCommand command, Answer answer) {
        sendReply(command, "reply", answer.reply());
        if (!reactsTo(command)) {
            return;
        }
        react(command, answer.done() ? DONE : REFUSED, "reaction");
        store.command(command.id()).flatMap(CommandRecord::waitingEvent).ifPresent(waiting -> {
            // empty: the bot stopped between noting the ⏳ and learning its event; the same transaction tells it
            Optional<String> event = waiting.isEmpty() ? react(command, WAITING, "reaction-waiting") : Optional.of(waiting);
            event.ifPresentOrElse(
                    hourglass -> Failsafe.with(sendRetry).run(() ->
                            matrix.redact(command.conversation(), hourglass, TxnIds.of(command.id(), "unwait"))),
                    () -> log.warn("the ⏳ on {} could not be found again to take it back", command.id()));
        });
    }

    /** A decision by reaction gets none: it is a reaction itself. */
    private boolean reactsTo(ReceivedCommand command) {
        return settings.reactions() && !command.source().equals(REACTION);
    }

    /**
     * @return the reaction's event, or empty when the homeserver already has this reaction (a re-send after its
     *         transaction IDs expired: Synapse then refuses a second one with {@code M_DUPLICATE_ANNOTATION})
     */
    private Optional<String> react(ReceivedCommand command, String key, String purpose) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", command.id()).put("key", key);
        try {
            return Optional.of(Failsafe.with(sendRetry).get(() ->
                    matrix.send(command.conversation(), "m.reaction", TxnIds.of(command.id(), purpose), content)));
        } catch (MatrixException e) {
            if (e.errcode().equals("M_DUPLICATE_ANNOTATION")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Retried while the homeserver is down: the transaction ID makes a repeated send post once. */
    private void sendReply(ReceivedCommand command, String purpose, Reply reply) {
        ObjectNode content = content(reply);
        content.set("m.relates_to", Relations.answer(command));
        Failsafe.with(sendRetry).run(() ->
                matrix.send(command.conversation(), "m.room.message", TxnIds.of(command.id(), purpose), content));
    }

    /** The link is a credential (API-NOTES §0.1): it goes only to private rooms or the admin's DM. */
    private Reply deliverCreated(ReceivedCommand command, RoomSettings room, Outcome.Created created, Reply summary) {
        if (!created.plan().adminSeesLink()) {
            return summary;
        }
        if (room.isPrivate()) {
            return summary.then(text.link(created));
        }
        String dm = directRooms.roomWith(command.sender());
        Failsafe.with(sendRetry).run(() ->
                matrix.send(dm, "m.room.message", TxnIds.of(command.id(), "link"), content(text.link(created))));
        return summary.and(text.linkSentByDirectMessage());
    }

    /** An {@code m.notice} with the reply as plain text and HTML. */
    static ObjectNode content(Reply reply) {
        ObjectNode content = JsonNodeFactory.instance.objectNode()
                .put("msgtype", "m.notice")
                .put("body", reply.body())
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", reply.html());
        // replies quote user text; an empty m.mentions keeps a quoted "@room" from pinging anyone
        content.putObject("m.mentions");
        return content;
    }

    private ObjectNode filter() {
        ObjectNode filter = json.createObjectNode();
        ObjectNode room = filter.putObject("room");
        ObjectNode timeline = room.putObject("timeline");
        timeline.put("limit", 100);
        // membership events mark where a newly joined room's history ends
        timeline.putArray("types").add("m.room.message").add("m.room.encrypted").add("m.room.encryption").add("m.room.member")
                .add("m.reaction").add("m.room.redaction");
        room.putObject("state").putArray("types").add("m.room.encryption");
        filter.putObject("presence").putArray("types");
        filter.putObject("account_data").putArray("types");
        return filter;
    }

    @Override
    public void close() {
        running = false;
        notices.close();
        Backoff.stop(syncThread, workers);
    }
}
