package org.invitebot.bot.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import org.invitebot.bot.matrix.HttpMatrixClient;
import org.invitebot.bot.matrix.MatrixException;
import org.invitebot.bot.matrix.Whoami;
import org.invitebot.bot.matrix.e2ee.CrossSigningStatus;
import org.invitebot.bot.matrix.e2ee.Encryption;
import org.invitebot.bot.signal.HttpSignalClient;
import org.invitebot.bot.signal.SignalAbout;
import org.invitebot.bot.signal.SignalClient;
import org.invitebot.bot.signal.SignalException;
import org.invitebot.core.authentik.AuthentikClient;
import org.invitebot.core.config.InvitebotConfig;
import org.invitebot.core.config.Secret;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.core.store.StateStore;
import org.invitebot.core.store.StoreException;

/**
 * What {@code invitebot check} asks each dependency, in the order an operator fixes things: the state
 * file, Authentik and the token's permissions, the flow and groups, Matrix and its rooms, Signal.
 * Nothing is changed anywhere, except that a missing state file is created.
 */
final class DependencyProbes {

    private static final String INVITATION_STAGE = "authentik_stages_invitation.invitationstage";

    private final InvitebotConfig config;
    private final OkHttpClient http;
    private final List<Probe> probes = new ArrayList<>();

    DependencyProbes(InvitebotConfig config, OkHttpClient http) {
        this.config = config;
        this.http = http;
    }

    List<Probe> run() {
        state();
        authentik();
        matrix();
        if (config.signal().enabled()) {
            signal();
        }
        return List.copyOf(probes);
    }

    private void state() {
        try (StateStore opened = StateStore.open(config.state().path(), Clock.systemUTC())) {
            probes.add(Probe.pass("state file " + config.state().path().toAbsolutePath() + " opens"));
        } catch (StoreException e) {
            probes.add(Probe.fail(e.getMessage(), "point state.path at a writable file on a persistent volume"));
        }
    }

    private void authentik() {
        AuthentikClient authentik = new AuthentikClient(config.authentik(), http);
        String url = config.authentik().url().toString();
        String owner;
        try {
            owner = authentik.tokenOwner();
        } catch (AuthentikException e) {
            probes.add(e.isTransient()
                    ? Probe.fail("Authentik at " + url + " is not reachable: " + e.getMessage(),
                            "check authentik.url and that Authentik runs and is reachable from here")
                    : Probe.fail("Authentik refused authentik.token: " + e.getMessage(),
                            "create an API token (intent: api) for the bot's service account and set authentik.token"));
            return;
        }
        probes.add(Probe.pass("Authentik at " + url + " answers; the token belongs to " + owner));
        permission("view invitations", "Can view Invitation", () -> authentik.probeList("stages/invitation/invitations/",
                "list invitations"));
        permission("view users", "Can view User", () -> authentik.probeList("core/users/", "list users"));
        permission("view groups", "Can view Group", () -> authentik.probeList("core/groups/", "list groups"));
        permission("view events", "Can view Event", () -> authentik.probeList("events/events/", "read the event log"));
        flow(authentik);
        groups(authentik);
    }

    private void permission(String what, String permission, Runnable probe) {
        attempt("the token may " + what, () -> {
            probe.run();
            return Optional.empty();
        }, "give the bot's role the permission \"" + permission + "\" (config/authentik-blueprint.yaml grants what the bot needs)");
    }

    private void flow(AuthentikClient authentik) {
        String slug = config.authentik().enrollmentFlow();
        attempt("enrollment flow \"" + slug + "\" exists and has an invitation stage", () -> {
            List<String> stages = authentik.flowStages();
            return stages.contains(INVITATION_STAGE) ? Optional.empty()
                    : Optional.of("its stages are " + (stages.isEmpty() ? "none" : String.join(", ", stages)));
        }, "create the flow with an invitation stage first (config/authentik-blueprint.yaml), or fix authentik.enrollment_flow");
    }

    private void groups(AuthentikClient authentik) {
        Set<String> groups = new LinkedHashSet<>(config.authentik().adminGroups());
        groups.addAll(config.authentik().invitableGroups().keySet());
        groups.addAll(config.requests().requesterGroups());
        for (String group : groups) {
            attempt("group \"" + group + "\" exists", () -> authentik.groupNamed(group).isPresent() ? Optional.empty()
                    : Optional.of("Authentik has no group of that name"),
                    "create it in Authentik, or remove it from authentik.admin_groups / authentik.invitable_groups"
                            + " / requests.requester_groups");
        }
    }

    private void matrix() {
        HttpMatrixClient matrix = new HttpMatrixClient(HttpUrl.get(config.matrix().homeserver().toString()),
                config.matrix().userId(), config.matrix().accessToken(), http);
        String me;
        Whoami whoami;
        try {
            whoami = matrix.whoami();
            me = whoami.userId();
        } catch (MatrixException e) {
            probes.add(Probe.fail("the homeserver " + config.matrix().homeserver() + " did not accept matrix.access_token: "
                    + e.getMessage(), "check matrix.homeserver and log in as the bot again for a fresh access token"));
            return;
        }
        if (!me.equals(config.matrix().userId())) {
            probes.add(Probe.fail("matrix.access_token belongs to " + me + ", not to " + config.matrix().userId(),
                    "use the bot account's own access token, or fix matrix.user_id"));
            return;
        }
        probes.add(Probe.pass("Matrix whoami is " + me));
        encryption(matrix, whoami);
        List<String> joined;
        try {
            joined = matrix.joinedRooms();
        } catch (MatrixException e) {
            probes.add(Probe.fail("could not list the bot's rooms: " + e.getMessage(), "check the homeserver's logs"));
            return;
        }
        // room → whether the bot reads commands (or decisions by reaction) there
        Map<String, Boolean> rooms = new LinkedHashMap<>();
        config.matrix().rooms().forEach(room -> rooms.put(room.id(), true));
        if (config.requests().enabled()) {
            config.requests().rooms().forEach(room -> rooms.put(room, true));
            rooms.put(config.requests().approversRoom(), true);
        }
        config.matrix().notificationsRoom().ifPresent(room -> rooms.putIfAbsent(room, false));
        rooms.forEach((room, commands) -> room(matrix, joined, room, commands));
    }

    /** @param commands whether commands are read there, which an encrypted room needs encryption on for */
    private void room(HttpMatrixClient matrix, List<String> joined, String room, boolean commands) {
        if (!joined.contains(room)) {
            probes.add(Probe.fail("the bot is not in room " + room, "invite " + config.matrix().userId()
                    + " to it; it joins configured rooms at start"));
            return;
        }
        attempt("the bot is in room " + room + (commands ? " and can read it" : ""), () -> commands
                        && !config.matrix().encryption().enabled() && matrix.roomState(room, "m.room.encryption").isPresent()
                        ? Optional.of("the room is end-to-end encrypted, and matrix.encryption.enabled is false")
                        : Optional.empty(),
                "set matrix.encryption.enabled: true, or use an unencrypted room for commands");
    }

    /** The bot's device: one to encrypt with, the one the state file's identity belongs to, its keys published. */
    private void encryption(HttpMatrixClient matrix, Whoami whoami) {
        if (!config.matrix().encryption().enabled()) {
            probes.add(Probe.pass("end-to-end encryption is off (matrix.encryption.enabled: false)"));
            return;
        }
        if (whoami.deviceId().isEmpty()) {
            probes.add(Probe.fail("end-to-end encryption: the homeserver names no device for matrix.access_token",
                    "log in as the bot and use that access token (an application service token has no device)"));
            return;
        }
        String device = whoami.deviceId().get();
        Optional<String> stored;
        CrossSigningStatus crossSigning;
        try (StateStore store = StateStore.open(config.state().path(), Clock.systemUTC())) {
            stored = Encryption.storedDevice(store);
            crossSigning = Encryption.crossSigningStatus(matrix, store, whoami.userId(), device);
        } catch (StoreException | MatrixException e) {
            return;
        }
        if (stored.isEmpty()) {
            probes.add(Probe.pass("end-to-end encryption: no identity yet; the first start creates one for device " + device));
            return;
        }
        if (!stored.get().equals(device)) {
            probes.add(Probe.fail("end-to-end encryption: the state file's identity belongs to device " + stored.get()
                    + ", matrix.access_token to device " + device, "use a token of device " + stored.get()
                    + " to keep the identity; otherwise the bot starts a fresh one and cannot read what was sent to the old"));
            return;
        }
        attempt("end-to-end encryption: device " + device + " has its keys on the homeserver", () ->
                matrix.queryKeys(List.of(whoami.userId())).path("device_keys").path(whoami.userId()).has(device)
                        ? Optional.empty() : Optional.of("the homeserver lists no keys for it"),
                "start the bot: it uploads them");
        attempt("end-to-end encryption: one-time keys on the homeserver", () -> {
            int count = matrix.uploadKeys(JsonNodeFactory.instance.objectNode()).path("signed_curve25519").asInt();
            return count > 0 ? Optional.empty() : Optional.of("none left, so new devices cannot start sessions with the bot");
        }, "start the bot: it tops them up");
        crossSigning(crossSigning, whoami.userId(), device);
    }

    /** Element shows the bot's messages as from a verified device only when all of this holds. */
    private void crossSigning(CrossSigningStatus status, String user, String device) {
        if (status.complete()) {
            probes.add(Probe.pass("cross-signing: device " + device + " is signed by the bot's own cross-signing keys"));
        } else if (!status.keysStored() || !status.keysOnServer()) {
            probes.add(Probe.fail("cross-signing: " + (status.keysStored() ? "the homeserver holds no cross-signing keys for "
                    + user : "the state file holds no cross-signing keys yet"), "start the bot: it creates and uploads them"));
        } else if (!status.keysMatch()) {
            probes.add(Probe.fail("cross-signing: the homeserver holds other cross-signing keys for " + user
                    + " than the state file", "set matrix.password (or password_file) for one start: the bot then replaces them"));
        } else {
            probes.add(Probe.fail("cross-signing: device " + device + " is not signed by the bot's self-signing key",
                    "start the bot: it signs its device"));
        }
    }

    private void signal() {
        SignalClient signal = new HttpSignalClient(config.signal().url(), config.signal().number().map(Secret::reveal).orElseThrow(),
                http);
        SignalAbout about;
        try {
            about = signal.about();
        } catch (SignalException e) {
            probes.add(Probe.fail("signal-cli-rest-api at " + config.signal().url() + " is not reachable: " + e.getMessage(),
                    "check signal.url and that the signal-cli-rest-api container runs"));
            return;
        }
        String mode = config.signal().mode().configValue();
        probes.add(about.mode().startsWith(mode)
                ? Probe.pass("signal-cli-rest-api " + about.version() + " answers in mode " + about.mode())
                : Probe.fail("signal-cli-rest-api runs in mode " + about.mode() + ", but signal.mode is " + mode,
                        "set signal.mode to " + about.mode() + ", or MODE=" + mode + " in the container"));
        attempt("signal.number is registered with signal-cli-rest-api",
                () -> signal.accounts().contains(config.signal().number().orElseThrow().reveal()) ? Optional.empty()
                        : Optional.of("it is not among the service's accounts"),
                "register or link the bot's number in signal-cli-rest-api first (see its README)");
    }

    /** @param check empty when it passes, else what is wrong */
    private void attempt(String what, Supplier<Optional<String>> check, String fix) {
        try {
            Optional<String> wrong = check.get();
            probes.add(wrong.map(problem -> Probe.fail(what + ": " + problem, fix)).orElseGet(() -> Probe.pass(what)));
        } catch (AuthentikException | MatrixException | SignalException e) {
            probes.add(Probe.fail(what + ": " + e.getMessage(), fix));
        }
    }
}
