package org.invitebot.core.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.core.authentik.AuthentikClient;
import org.invitebot.core.config.AuthentikSettings;
import org.invitebot.core.config.Secret;
import org.invitebot.core.config.UserMapping;
import org.invitebot.core.invite.InvitationMarker;
import org.invitebot.core.port.Authentik;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.store.BotInvitation;
import org.invitebot.core.store.StateStore;
import org.invitebot.testbed.authentik.FakeAuthentik;
import org.invitebot.testbed.authentik.StoredInvitation;

/** The enrollment follow-up against the Authentik stand-in, with faults in the middle of it (SPEC §4, §5). */
class FollowUpsTest {

    private static final String TOKEN = "follow-up-test-token";
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;
    private FakeAuthentik authentik;
    private StateStore store;
    private Authentik client;
    private final RecordingSink sink = new RecordingSink();

    @BeforeEach
    void start() {
        authentik = FakeAuthentik.start();
        authentik.addFlow("invitation-enrollment", "enrollment");
        authentik.addGroup("media-users");
        authentik.addGroup("ai-users");
        authentik.addUser("invitebot", "invitebot", "bot@example.org", true);
        authentik.addToken(TOKEN, "invitebot");
        client = new AuthentikClient(new AuthentikSettings(URI.create(authentik.baseUrl()), new Secret(TOKEN),
                "invitation-enrollment", List.of("authentik Admins"), new UserMapping.Localpart(), Map.of(), Map.of()),
                new OkHttpClient());
        store = StateStore.open(dir.resolve("state.db"), CLOCK);
    }

    @AfterEach
    void stop() {
        store.close();
        authentik.assertNoContractViolations();
        authentik.close();
    }

    @Test
    void aFaultAfterTheFirstGroupAddsNoGroupTwiceAndAnnouncesOnce() {
        StoredInvitation invitation = botInvitation("jane-2026-11", List.of("media-users", "ai-users"));
        EventWatcher first = watcher(failingSecondGroupAdd(client));
        first.poll();
        authentik.enroll(invitation.pk(), "jane", "Jane Smith", "jane@example.com");

        assertThatThrownBy(first::poll).isInstanceOf(AuthentikException.class);
        assertThat(authentik.groupsOf("jane")).containsExactly("media-users");
        assertThat(sink.announced).isEmpty();

        EventWatcher afterRestart = watcher(client);
        assertThat(afterRestart.poll()).isPositive();
        afterRestart.poll();

        assertThat(authentik.groupsOf("jane")).containsExactlyInAnyOrder("media-users", "ai-users");
        assertThat(authentik.countRequests("POST", "/api/v3/core/groups/")).isEqualTo(2);
        assertThat(sink.announced).singleElement().satisfies(enrolled -> {
            assertThat(enrolled.username()).isEqualTo("jane");
            assertThat(enrolled.added()).containsExactly("media-users", "ai-users");
        });
        assertThat(sink.told).extracting(FollowUp::kind).containsExactly("enrolled");
    }

    @Test
    void aGroupThatVanishedIsReportedAndTheOthersStillApplied() {
        StoredInvitation invitation = botInvitation("jane-2026-11", List.of("old-users", "media-users"));
        EventWatcher watcher = watcher(client);
        watcher.poll();
        authentik.enroll(invitation.pk(), "jane", "Jane Smith", "jane@example.com");

        watcher.poll();

        assertThat(authentik.groupsOf("jane")).containsExactly("media-users");
        assertThat(sink.announced).singleElement().satisfies(enrolled -> {
            assertThat(enrolled.added()).containsExactly("media-users");
            assertThat(enrolled.notAdded()).containsEntry("old-users", "the group no longer exists");
        });
    }

    @Test
    void theEventLogBeforeTheFirstStartIsHistoryAndNoEventIsHandledTwice() {
        StoredInvitation before = botInvitation("old-2026-10", List.of("media-users"));
        authentik.enroll(before.pk(), "old", "Old Timer", "old@example.com");
        assertThat(watcher(client).poll()).isZero();
        StoredInvitation invitation = botInvitation("jane-2026-11", List.of("media-users"));
        authentik.enroll(invitation.pk(), "jane", "Jane Smith", "jane@example.com");

        assertThat(watcher(client).poll()).isEqualTo(2);
        assertThat(watcher(client).poll()).isZero();

        assertThat(authentik.groupsOf("old")).isEmpty();
        assertThat(sink.announced).extracting(FollowUp.Enrolled::username).containsExactly("jane");
    }

    @Test
    void fiveHundredUnrelatedEventsAfterAnEnrollmentHideNothing() {
        StoredInvitation invitation = botInvitation("jane-2026-11", List.of("media-users"));
        EventWatcher watcher = watcher(client);
        watcher.poll();
        authentik.enroll(invitation.pk(), "jane", "Jane Smith", "jane@example.com");
        for (int i = 0; i < 500; i++) {
            authentik.recordEvent(i % 2 == 0 ? "user_write" : "email_sent", Map.of("message", "unrelated " + i), null);
        }

        assertThat(watcher.poll()).isEqualTo(502);

        assertThat(authentik.groupsOf("jane")).containsExactly("media-users");
        assertThat(sink.announced).hasSize(1);
        long before = authentik.countRequests("GET", "/api/v3/events/events/");
        assertThat(watcher.poll()).isZero();
        assertThat(authentik.countRequests("GET", "/api/v3/events/events/")).as("an idle poll is one request").isEqualTo(before + 1);
    }

    /** An invitation as the bot makes it: in Authentik with the marker, and in the store. */
    private StoredInvitation botInvitation(String name, List<String> groups) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(InvitationMarker.INVITATION, name);
        attributes.put(InvitationMarker.REQUESTED_GROUPS, groups);
        Instant expires = CLOCK.instant().plus(Duration.ofDays(7));
        StoredInvitation stored = authentik.addInvitation(name, expires, true,
                Map.of("email", "invitee@example.com", "attributes", attributes), "invitebot");
        store.recordInvitation(new BotInvitation(stored.pk(), name, "email", groups, "@admin:example.org", "$command",
                CLOCK.instant(), expires, Optional.empty()), new Invitation(stored.pk(), name, expires, true, Optional.of("invitee@example.com"),
                Optional.empty(), attributes, "invitebot"));
        return stored;
    }

    private EventWatcher watcher(Authentik port) {
        return new EventWatcher(port, store,
                new FollowUps(port, store, sink, Duration.ofMinutes(10), Duration.ofMinutes(30), CLOCK));
    }

    /** Authentik as seen by a bot that loses the connection at its second group add. */
    private static Authentik failingSecondGroupAdd(Authentik real) {
        AtomicInteger adds = new AtomicInteger();
        return (Authentik) Proxy.newProxyInstance(Authentik.class.getClassLoader(), new Class<?>[] {Authentik.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("addUserToGroup") && adds.incrementAndGet() == 2) {
                        throw new AuthentikException("Authentik is unreachable", true);
                    }
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static final class RecordingSink implements FollowUpSink {
        final List<FollowUp> told = new ArrayList<>();
        final List<FollowUp.Enrolled> announced = new ArrayList<>();

        @Override
        public void tellInviter(FollowUp followUp) {
            told.add(followUp);
        }

        @Override
        public void announce(FollowUp.Enrolled enrolled) {
            announced.add(enrolled);
        }
    }
}
