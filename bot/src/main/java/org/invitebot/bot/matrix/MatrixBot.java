package org.invitebot.bot.matrix;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.invitebot.bot.text.CommandParser;
import org.invitebot.bot.text.ParseResult;
import org.invitebot.bot.text.ReplyText;
import org.invitebot.core.authz.Authorization;
import org.invitebot.core.authz.Authorizer;
import org.invitebot.core.authz.Principal;
import org.invitebot.core.config.MatrixSettings;
import org.invitebot.core.config.RoomSettings;
import org.invitebot.core.invite.CommandHandler;
import org.invitebot.core.invite.Outcome;
import org.invitebot.core.policy.DeliveryMode;

/**
 * The Matrix chat adapter: follows {@code /sync}, turns new text messages in configured rooms into
 * commands, and posts the outcome as a reply to the command.
 */
public final class MatrixBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MatrixBot.class);
    private static final Duration LONG_POLL = Duration.ofSeconds(30);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);

    private final MatrixClient matrix;
    private final MatrixSettings settings;
    private final Map<String, RoomSettings> rooms;
    private final CommandParser parser;
    private final CommandHandler handler;
    private final Authorizer authorizer;
    private final ReplyText text;
    private final DirectRooms directRooms;
    private final ExecutorService workers;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running;
    private Thread syncThread;

    public MatrixBot(MatrixClient matrix, MatrixSettings settings, CommandHandler handler, Authorizer authorizer,
            ReplyText text, ExecutorService workers) {
        this.matrix = matrix;
        this.settings = settings;
        this.rooms = settings.rooms().stream().collect(Collectors.toUnmodifiableMap(RoomSettings::id, Function.identity()));
        this.parser = new CommandParser(settings.commandPrefix());
        this.handler = handler;
        this.authorizer = authorizer;
        this.text = text;
        this.directRooms = new DirectRooms(matrix, settings.userId());
        this.workers = workers;
    }

    /**
     * Checks the token, then skips the history before now and starts following new events.
     *
     * @throws MatrixException when the homeserver refuses the token or cannot be reached
     */
    public void start() {
        String me = matrix.whoami();
        if (!me.equals(settings.userId())) {
            throw new MatrixException("the Matrix access token belongs to " + me + ", not to matrix.user_id "
                    + settings.userId(), 0, "", null);
        }
        String filterId = matrix.uploadFilter(me, filter());
        for (RoomSettings room : settings.rooms()) {
            try {
                matrix.join(room.id());
            } catch (MatrixException e) {
                log.warn("cannot join configured room {}: {} (invite {} to it)", room.id(), e.getMessage(), me);
            }
        }
        // the first sync only marks where "now" is: commands sent before the bot started are history
        SyncBatch first = matrix.sync(Optional.empty(), filterId, Duration.ZERO);
        first.invites().forEach(this::onInvite);
        running = true;
        syncThread = new Thread(() -> follow(filterId, first.nextBatch()), "matrix-sync");
        syncThread.setDaemon(true);
        syncThread.start();
        log.info("following Matrix as {} in {} configured room(s)", me, rooms.size());
    }

    private void follow(String filterId, String since) {
        String token = since;
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                SyncBatch batch = matrix.sync(Optional.of(token), filterId, LONG_POLL);
                batch.invites().forEach(this::onInvite);
                batch.eventsAfterJoinOf(settings.userId()).forEach(event -> workers.execute(() -> onEvent(event)));
                token = batch.nextBatch();
                backoff = Duration.ofSeconds(1);
            } catch (MatrixException e) {
                if (!running) {
                    return;
                }
                log.warn("sync failed ({}); retrying in {} s", e.getMessage(), backoff.toSeconds());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void onInvite(SyncBatch.RoomInvite invite) {
        try {
            if (authorizer.authorize(new Principal.MatrixUser(invite.inviter())) instanceof Authorization.Allowed) {
                matrix.join(invite.roomId());
                log.info("joined {} on the invitation of {}", invite.roomId(), invite.inviter());
            } else {
                log.info("ignored invitation to {} from {}: not an authorised admin", invite.roomId(), invite.inviter());
            }
        } catch (RuntimeException e) {
            log.warn("could not act on the invitation to {} from {}: {}", invite.roomId(), invite.inviter(), e.getMessage());
        }
    }

    private void onEvent(SyncBatch.RoomEvent event) {
        if (!isCommandCandidate(event)) {
            return;
        }
        ParseResult parsed = parser.parse(event.content().path("body").asText());
        if (parsed instanceof ParseResult.NotACommand) {
            return;
        }
        try {
            RoomSettings room = rooms.get(event.roomId());
            if (room == null) {
                reply(event, "Commands are not accepted in this room; use a room configured for invitebot.");
            } else if (parsed instanceof ParseResult.Malformed malformed) {
                reply(event, text.malformed(malformed.error()));
            } else {
                Outcome outcome = handler.handle(new Principal.MatrixUser(event.sender()),
                        ((ParseResult.Parsed) parsed).command());
                deliver(event, room, outcome);
            }
        } catch (MatrixException e) {
            log.warn("could not answer {} in {}: {}", event.eventId(), event.roomId(), e.getMessage());
        }
    }

    /** A new plain-text message from someone else; edits are not re-run as commands. */
    private boolean isCommandCandidate(SyncBatch.RoomEvent event) {
        return event.type().equals("m.room.message")
                && !event.sender().equals(settings.userId())
                && event.content().path("msgtype").asText().equals("m.text")
                && !event.content().path("m.relates_to").path("rel_type").asText().equals("m.replace");
    }

    private void deliver(SyncBatch.RoomEvent command, RoomSettings room, Outcome outcome) {
        if (outcome instanceof Outcome.Created created) {
            deliverCreated(command, room, created);
        } else if (outcome instanceof Outcome.Refused refused) {
            reply(command, text.refused(refused.reason()));
        } else if (outcome instanceof Outcome.NotAuthorised) {
            reply(command, text.notAuthorised());
        } else if (outcome instanceof Outcome.Failed failed) {
            reply(command, text.failed(failed.message()));
        } else if (outcome instanceof Outcome.HelpRequested help) {
            reply(command, text.help(help.topic()));
        }
    }

    /** The link is a credential (API-NOTES §0.1): it goes only to private rooms or the admin's DM. */
    private void deliverCreated(SyncBatch.RoomEvent command, RoomSettings room, Outcome.Created created) {
        String summary = text.created(created);
        if (created.plan().mode() == DeliveryMode.EMAIL) {
            reply(command, summary);
        } else if (room.isPrivate()) {
            reply(command, summary + "\n" + text.link(created));
        } else {
            String dm = directRooms.roomWith(command.sender());
            matrix.send(dm, "m.room.message", TxnIds.of(command.eventId(), "link"), notice(text.link(created)));
            reply(command, summary + " " + text.linkSentByDirectMessage());
        }
    }

    private void reply(SyncBatch.RoomEvent command, String body) {
        ObjectNode content = notice(body);
        content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", command.eventId());
        matrix.send(command.roomId(), "m.room.message", TxnIds.of(command.eventId(), "reply"), content);
    }

    private ObjectNode notice(String body) {
        ObjectNode content = json.createObjectNode().put("msgtype", "m.notice").put("body", body);
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
        timeline.putArray("types").add("m.room.message").add("m.room.encryption").add("m.room.member");
        filter.putObject("presence").putArray("types");
        filter.putObject("account_data").putArray("types");
        return filter;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (syncThread != null) {
            syncThread.interrupt();
        }
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
