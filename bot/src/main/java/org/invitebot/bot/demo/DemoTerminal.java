package org.invitebot.bot.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.invitebot.testbed.authentik.StoredEvent;
import org.invitebot.testbed.authentik.StoredInvitation;
import org.invitebot.testbed.matrix.RoomEvent;
import org.invitebot.testbed.signal.SentMessage;

/**
 * The demo's chat window: what you type is sent to the stand-in homeserver as a message from the
 * current user; every message the bot posts anywhere is printed. In an encrypted room the terminal is
 * each user's E2EE client: it encrypts what is typed and decrypts what the bot answers. Lines starting
 * with {@code /} are the demo's own controls. Works the same with a pipe as with a keyboard.
 */
public final class DemoTerminal {

    private static final Duration REPLY_WAIT = Duration.ofSeconds(15);
    /** The device ID of every user's client in the terminal. */
    private static final String DEVICE = "TERMINAL";

    private final DemoWorld world;
    private final BufferedReader in;
    private final PrintStream out;
    private final String prefix;
    private static final Pattern EMAIL_LINK = Pattern.compile("https?://[^\\s\"<]+");
    private static final Pattern REQUEST_POST = Pattern.compile("^Invitation request #(\\d+) ");

    private final Map<String, String> roomNames = new LinkedHashMap<>();
    /** Opened single-use invitations are gone from Authentik, but the invitee can still finish signing up. */
    private final Map<String, StoredInvitation> opened = new HashMap<>();
    /** How many of the bot's Signal messages were shown. */
    private int signalShown;
    /** The commands the bot has answered, by event ID, once the answer is printed. */
    private final Set<String> answered = new HashSet<>();
    /** How many of the bot's messages each thread holds, by root event; guarded by {@link #answered}. */
    private final Map<String, Integer> threadAnswers = new HashMap<>();
    /** The bot's message in #admins for each request, by number: what {@code /react} reacts to. */
    private final Map<String, String> requestPosts = new ConcurrentHashMap<>();
    /** Each user's client device, made when the user first speaks in an encrypted room. */
    private final Map<String, DemoDevice> devices = new ConcurrentHashMap<>();
    /**
     * The homeserver's events, shown in order on one thread: decrypting one fetches room keys from the
     * homeserver, which must not happen on the homeserver's own thread that reported the event.
     */
    private final ExecutorService shows = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-terminal");
        thread.setDaemon(true);
        return thread;
    });
    private String user = DemoWorld.ADMIN;
    private String room;

    public DemoTerminal(DemoWorld world, BufferedReader in, PrintStream out, String prefix) {
        this.world = world;
        this.in = in;
        this.out = out;
        this.prefix = prefix;
        roomNames.put(world.adminsRoom(), "#admins");
        roomNames.put(world.lobbyRoom(), "#lobby");
        roomNames.put(world.onboardingRoom(), "#onboarding");
        this.room = world.adminsRoom();
        if (world.isEncrypted(room)) {
            device(user);
        }
        world.homeserver().addListener(event -> shows.execute(() -> show(event)));
        world.authentik().addEventListener(this::show);
        // as the runbook's email policy does in a real Authentik
        world.authentik().mailInvitationsOnCreation(true);
    }

    public void run() throws IOException {
        banner();
        prompt();
        String line;
        while ((line = in.readLine()) != null) {
            line = line.strip();
            if (line.equals("/quit") || line.equals("/exit")) {
                break;
            }
            if (line.startsWith("/")) {
                control(line);
            } else if (!line.isEmpty()) {
                say(line);
            }
            prompt();
        }
        shows.shutdown();
        out.println();
        out.println("bye");
    }

    private void say(String text) {
        synchronized (out) {
            out.println(label(room) + " " + user + ": " + text);
        }
        String eventId = world.isEncrypted(room) ? device(user).send(room, text) : world.homeserver().sendText(room, user, text);
        // wait for the answer so that the transcript reads in order, with a keyboard or a pipe
        if (text.startsWith(prefix) && !awaitAnswer(eventId)) {
            out.println("(no answer from the bot within " + REPLY_WAIT.toSeconds() + " s)");
        }
    }

    private boolean awaitAnswer(String eventId) {
        long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
        synchronized (answered) {
            while (!answered.contains(eventId)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    answered.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private DemoDevice device(String userId) {
        return devices.computeIfAbsent(userId, id -> new DemoDevice(world.homeserver().baseUrl(), id, DEVICE,
                world.homeserver().addDevice(id, DEVICE)).uploadKeys().crossSign());
    }

    private void show(RoomEvent event) {
        if (!event.sender().equals(DemoWorld.BOT)) {
            return;
        }
        String where = label(event.roomId());
        JsonNode content = event.content();
        if (event.type().equals("m.room.encrypted")) {
            Optional<JsonNode> decrypted = List.copyOf(devices.values()).stream()
                    .map(device -> device.decrypt(event.content())).flatMap(Optional::stream).findFirst();
            if (decrypted.isEmpty()) {
                synchronized (out) {
                    out.println(where + " invitebot: [end-to-end encrypted for devices this terminal does not hold]");
                }
                return;
            }
            content = decrypted.get();
            where = where.replace("]", ", encrypted]");
        } else if (!event.type().equals("m.room.message") && !event.type().equals("m.reaction")) {
            return;
        }
        JsonNode relation = content.path("m.relates_to");
        if (relation.path("rel_type").asText().equals("m.annotation")) {
            synchronized (out) {
                out.println(where + " invitebot reacted " + relation.path("key").asText());
            }
            return;
        }
        String body = content.path("body").asText();
        Matcher post = REQUEST_POST.matcher(body);
        if (post.find()) {
            requestPosts.put(post.group(1), event.eventId());
        }
        String thread = relation.path("rel_type").asText().equals("m.thread") ? " (in the command's thread)" : "";
        synchronized (out) {
            out.println(where + " invitebot" + thread + ": " + body.replace("\n", "\n    "));
        }
        String inReplyTo = content.path("m.relates_to").path("m.in_reply_to").path("event_id").asText();
        synchronized (answered) {
            answered.add(inReplyTo);
            if (!thread.isEmpty()) {
                threadAnswers.merge(relation.path("event_id").asText(), 1, Integer::sum);
            }
            answered.notifyAll();
        }
    }

    /** What Authentik did that the admin would otherwise only see in its admin UI or in the invitee's mailbox. */
    private void show(StoredEvent event) {
        Map<String, Object> context = event.context();
        String line = switch (event.action()) {
            case "email_sent" -> "[mail to " + String.join(", ", context.get("to_email") instanceof List<?> to
                    ? to.stream().map(String::valueOf).toList() : List.of()) + "] " + context.get("subject") + ": "
                    + EMAIL_LINK.matcher(String.valueOf(context.get("body"))).results().map(MatchResult::group).findFirst().orElse("");
            case "system_task_exception" -> "[authentik worker] " + context.get("message") + ": " + context.get("exception");
            case "invitation_used" -> "[authentik] an enrollment link was opened";
            case "user_write" -> Boolean.TRUE.equals(context.get("created"))
                    ? "[authentik] new user " + event.username() + " (" + context.get("name") + ") created" : null;
            default -> null;
        };
        if (line != null) {
            synchronized (out) {
                out.println(line);
            }
        }
    }

    private String label(String roomId) {
        return "[" + roomNames.getOrDefault(roomId, "DM") + "]";
    }

    private void control(String line) {
        String[] words = line.split("\\s+", 2);
        String argument = words.length > 1 ? words[1].strip() : "";
        switch (words[0].toLowerCase(Locale.ROOT)) {
            case "/help" -> help();
            case "/as" -> switchUser(argument);
            case "/room" -> switchRoom(argument);
            case "/invitations" -> invitations();
            case "/open" -> open(argument);
            case "/enroll" -> enroll(argument);
            case "/smtp" -> smtp(argument);
            case "/wait" -> pause(argument);
            case "/signal" -> signal(argument);
            case "/react" -> react(argument);
            default -> out.println("unknown control " + words[0] + "; /help lists them");
        }
    }

    private void switchUser(String who) {
        String id = switch (who) {
            case "admin" -> DemoWorld.ADMIN;
            case "bob" -> DemoWorld.BOB;
            case "carol" -> DemoWorld.CAROL;
            default -> who;
        };
        if (!id.startsWith("@") || !id.contains(":")) {
            out.println("usage: /as admin | bob | carol | @someone:server");
            return;
        }
        if (!world.homeserver().isRegistered(id)) {
            world.homeserver().registerUser(id);
        }
        for (String r : roomNames.keySet()) {
            if (!world.homeserver().isJoined(r, id)) {
                world.homeserver().invite(r, DemoWorld.ADMIN, id);
                world.homeserver().join(r, id);
            }
        }
        user = id;
        if (world.isEncrypted(world.adminsRoom())) {
            device(user);
        }
        out.println("you are now " + user);
    }

    private void switchRoom(String name) {
        String wanted = name.startsWith("#") ? name : "#" + name;
        roomNames.forEach((id, label) -> {
            if (label.equals(wanted)) {
                room = id;
            }
        });
        out.println("you are in " + label(room) + (room.equals(world.adminsRoom()) ? " (private: links are posted here"
                + (world.isEncrypted(room) ? "; end-to-end encrypted)" : ")") : " (not private: links go to your direct messages)"));
    }

    private void invitations() {
        var invitations = world.authentik().invitations();
        if (invitations.isEmpty()) {
            out.println("Authentik holds no invitations.");
            return;
        }
        out.println("Authentik holds " + invitations.size() + " invitation(s):");
        invitations.forEach(i -> out.println("  " + i.name() + "  expires " + i.expires() + "  single_use "
                + i.singleUse() + "  fixed_data " + i.fixedData()));
    }

    /** The invitee opens the link and leaves: a single-use invitation is used up. */
    private void open(String name) {
        invitationNamed(name).ifPresent(invitation -> {
            opened.put(invitation.name(), invitation);
            world.authentik().openLink(invitation.pk());
            out.println("(the invitee opened the link of " + invitation.name() + " and closed the tab without signing up)");
        });
    }

    /** The invitee goes through the enrollment flow with what the invitation suggests, or the username given. */
    private void enroll(String argument) {
        String[] words = argument.split("\\s+");
        Optional<StoredInvitation> found = Optional.ofNullable(opened.remove(words[0])).or(() -> invitationNamed(words[0]));
        found.ifPresent(invitation -> {
            Map<String, Object> fixed = invitation.fixedData();
            Optional<String> email = Optional.ofNullable(fixed.get("email")).map(String::valueOf)
                    .or(() -> fixed.get("attributes") instanceof Map<?, ?> attributes
                            ? Optional.ofNullable(attributes.get("invitee_email")).map(String::valueOf) : Optional.empty());
            Optional<String> displayName = Optional.ofNullable(fixed.get("name")).map(String::valueOf);
            String username = words.length > 1 ? words[1]
                    : email.map(address -> address.substring(0, address.indexOf('@')))
                            .or(() -> displayName.map(full -> full.split("\\s+")[0]))
                            .orElse("newuser").toLowerCase(Locale.ROOT);
            world.authentik().enroll(invitation.pk(), username, displayName.orElse(username),
                    email.orElse(username + "@" + DemoWorld.SERVER));
            out.println("(the invitee signed up as " + username + " through " + invitation.name() + ")");
        });
    }

    private void smtp(String state) {
        switch (state) {
            case "down" -> world.authentik().setSmtpFailure(Optional.of("SMTPAuthenticationError: 535 authentication failed"));
            case "up" -> world.authentik().setSmtpFailure(Optional.empty());
            default -> {
                out.println("usage: /smtp down | up");
                return;
            }
        }
        out.println("Authentik's mail server is " + state + (state.equals("down") ? ": invitation emails now fail" : ""));
    }

    /**
     * Without text: what the bot sent over Signal since last asked, e.g. the link on the invitee's phone.
     * With text: the admin's phone sends it to the bot's number, and the answer is shown.
     */
    private void signal(String message) {
        if (!message.isEmpty()) {
            int before = world.signal().sent().size();
            out.println("[Signal from " + DemoWorld.ADMIN_PHONE + " to the bot] " + message);
            world.signal().awaitReceiver(REPLY_WAIT);
            world.signal().deliver(DemoWorld.ADMIN_PHONE, message);
            if (message.startsWith(prefix) && !world.signal().awaitSent(sent -> sent.recipients().contains(DemoWorld.ADMIN_PHONE)
                    && world.signal().sent().indexOf(sent) >= before, REPLY_WAIT)) {
                out.println("(no answer over Signal within " + REPLY_WAIT.toSeconds() + " s)");
            }
        }
        List<SentMessage> sent = world.signal().sent();
        if (sent.size() == signalShown && message.isEmpty()) {
            out.println("(no new Signal messages)");
        }
        sent.subList(signalShown, sent.size()).forEach(each -> out.println("[Signal to " + String.join(", ", each.recipients())
                + "] " + each.message().replace("\n", "\n    ")));
        signalShown = sent.size();
    }

    /** Reacts, as the current user, to the bot's message about request {@code <number>} in #admins: ✅ approves, ❌ denies. */
    private void react(String argument) {
        String[] words = argument.split("\\s+");
        String key = words.length == 2 ? switch (words[1].toLowerCase(Locale.ROOT)) {
            case "✅", "yes", "approve" -> "✅";
            case "❌", "no", "deny" -> "❌";
            default -> "";
        } : "";
        String post = words.length == 2 ? requestPosts.get(words[0].replace("#", "")) : null;
        if (key.isEmpty() || post == null) {
            out.println(post == null && !key.isEmpty() ? "no request #" + words[0] + " was posted in #admins"
                    : "usage: /react <request number> ✅ | ❌   (or yes | no)");
            return;
        }
        String admins = world.adminsRoom();
        synchronized (out) {
            out.println(label(admins) + " " + user + " reacted " + key + " to request #" + words[0].replace("#", ""));
        }
        int before = answersIn(post);
        if (world.isEncrypted(admins)) {
            device(user).react(admins, post, key);
        } else {
            world.homeserver().react(admins, user, post, key);
        }
        long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
        synchronized (answered) {
            while (answersIn(post) == before && System.nanoTime() < deadline) {
                try {
                    answered.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private int answersIn(String thread) {
        synchronized (answered) {
            return threadAnswers.getOrDefault(thread, 0);
        }
    }

    /** Lets the bot's follow-ups arrive before the next line of a piped script. */
    private void pause(String seconds) {
        if (!seconds.matches("\\d{1,3}")) {
            out.println("usage: /wait <seconds>");
            return;
        }
        try {
            Thread.sleep(Long.parseLong(seconds) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<StoredInvitation> invitationNamed(String name) {
        Optional<StoredInvitation> found = world.authentik().invitations().stream()
                .filter(invitation -> invitation.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            out.println(name.isEmpty() ? "usage: /open <invitation name>, /enroll <invitation name> [username]"
                    : "Authentik holds no invitation named " + name + " (/invitations lists them)");
        }
        return found;
    }

    private void help() {
        out.println(String.join("\n",
                "Type a chat message and press enter; the bot answers commands starting with " + prefix + ":",
                "  " + prefix + "invite jane@example.com 7d media-users     email invitation",
                "  " + prefix + "invite \"Jane Smith\" 48h ai-users         link invitation",
                "  " + prefix + "invite \"Jane Smith\" --signal +15551234567  link sent to Jane's phone over Signal",
                "  " + prefix + "invites, " + prefix + "revoke <name>, " + prefix + "reissue <name>, " + prefix + "groups, "
                        + prefix + "whoami, " + prefix + "audit",
                "  " + prefix + "help                                       the bot's own help",
                "Invitation requests: members ask in #lobby, admins decide in #admins:",
                "  /as bob, /room lobby, then " + prefix + "request jane@example.com --reason \"my sister\"",
                "  /as admin, /room admins, then /react 1 ✅ (or " + prefix + "approve 1, " + prefix + "deny 1 <reason>, "
                        + prefix + "requests)",
                "Demo controls:",
                "  /as admin | bob | carol | @someone:server",
                "                                     speak as another user (bob is no admin; carol may grant media-users only)",
                "  /room admins | lobby               switch room (#lobby is not private)",
                "  /invitations                       what Authentik now holds",
                "  /open <name>                       the invitee opens the link and leaves without signing up",
                "  /enroll <name> [username]          the invitee signs up through the invitation",
                "  /smtp down | up                    break or mend Authentik's mail server",
                "  /wait <seconds>                    let the bot's follow-ups arrive (for piped scripts)",
                "  /signal                            what the bot sent over Signal (e.g. the invitee's link)",
                "  /signal <text>                     text the bot's Signal number from the admin's phone",
                "  /react <number> ✅ | ❌             react to request <number> in #admins as the current user",
                "  /quit                              stop the demo"));
    }

    private void banner() {
        out.println("invitebot demo: the real bot against in-process stand-ins");
        out.println("  Authentik stand-in:        " + world.authentik().baseUrl());
        out.println("  Matrix homeserver stand-in: " + world.homeserver().baseUrl());
        out.println("  signal-cli-rest-api stand-in: " + world.signal().baseUrl() + " (bot " + DemoWorld.BOT_PHONE
                + "; your phone " + DemoWorld.ADMIN_PHONE + " is a Signal admin)");
        out.println("  rooms: #admins " + world.adminsRoom() + " (private" + (world.isEncrypted(world.adminsRoom())
                ? ", end-to-end encrypted: this terminal is your client's device " + DEVICE : "") + "), #lobby " + world.lobbyRoom()
                + " (not private)");
        out.println("You are " + user + " in #admins. Try: " + prefix + "invite jane@example.com 7d media-users"
                + "   (/help for the demo's controls)");
    }

    private void prompt() {
        out.print(user + " " + label(room) + "> ");
        out.flush();
    }
}
