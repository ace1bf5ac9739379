package org.invitebot.core.invite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import okhttp3.OkHttpClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.invitebot.core.authentik.AuthentikClient;
import org.invitebot.core.config.AuthentikSettings;
import org.invitebot.core.config.Secret;
import org.invitebot.core.config.UserMapping;
import org.invitebot.core.port.AuthentikException;
import org.invitebot.testbed.authentik.FakeAuthentik;

/** Free names without a list request per invite, against the Authentik stand-in. */
class NameBookTest {

    private static final String TOKEN = "name-book-test-token";
    private static final String LIST = "/api/v3/stages/invitation/invitations/";

    private FakeAuthentik authentik;
    private final AtomicLong nanos = new AtomicLong();
    private NameBook book;

    @BeforeEach
    void start() {
        authentik = FakeAuthentik.start();
        authentik.addFlow("invitation-enrollment", "enrollment");
        authentik.addUser("invitebot", "invitebot", "bot@example.org", true);
        authentik.addToken(TOKEN, "invitebot");
        book = newBook();
    }

    @AfterEach
    void stop() {
        authentik.assertNoContractViolations();
        authentik.close();
    }

    @Test
    void readsAuthentikOnceThenHandsOutFreeNamesFromMemory() {
        seed("jane-2026-11");
        seed("jane-2026-11-2");

        String first = book.claim("jane-2026-11");
        String second = book.claim("jane-2026-11");
        String other = book.claim("john-2026-11");

        assertThat(first).isEqualTo("jane-2026-11-3");
        assertThat(second).as("a name held by a command under way is not given twice").isEqualTo("jane-2026-11-4");
        assertThat(other).isEqualTo("john-2026-11");
        assertThat(authentik.countRequests("GET", LIST)).isEqualTo(1);
    }

    @Test
    void aNameGivenOutStaysTakenUntilAuthentikHasBeenReadAgain() {
        String made = book.claim("jane-2026-11");
        seed(made);
        book.settle(made);
        String lost = book.claim("john-2026-11");
        book.settle(lost);

        assertThat(book.claim("jane-2026-11")).isEqualTo("jane-2026-11-2");
        assertThat(book.claim("john-2026-11")).as("the create's answer may have been lost: wait for a re-read")
                .isEqualTo("john-2026-11-2");

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        book.claim("someone-2026-11");

        assertThat(authentik.countRequests("GET", LIST)).isEqualTo(2);
        assertThat(book.claim("jane-2026-11")).as("made: Authentik has it").isEqualTo("jane-2026-11-3");
        assertThat(book.claim("john-2026-11")).as("never made: free again").isEqualTo("john-2026-11");
    }

    @Test
    void aReReadSeesInvitationsMadeElsewhere() {
        book.claim("first-2026-11");
        seed("jane-2026-11");
        assertThat(book.claim("jane-2026-11")).as("not read yet").isEqualTo("jane-2026-11");

        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        book.claim("trigger-2026-11");

        assertThat(book.claim("ada-2026-11")).isEqualTo("ada-2026-11");
        seed("ada-2026-11");
        assertThat(book.claim("jane-2026-11")).isEqualTo("jane-2026-11-2");
    }

    @Test
    void aReservedNameResumedAfterARestartIsHeld() {
        book.hold("jane-2026-11");

        assertThat(book.claim("jane-2026-11")).isEqualTo("jane-2026-11-2");
    }

    @Test
    void authentikDownAtReReadKeepsTheNamesKnownAndDownAtFirstReadFailsTheClaim() {
        seed("jane-2026-11");
        book.claim("first-2026-11");
        authentik.setAvailable(false);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));

        book.claim("trigger-2026-11");

        assertThat(book.claim("jane-2026-11")).isEqualTo("jane-2026-11-2");

        assertThatThrownBy(() -> newBook().claim("jane-2026-11")).isInstanceOf(AuthentikException.class);
    }

    private NameBook newBook() {
        AuthentikSettings settings = new AuthentikSettings(URI.create(authentik.baseUrl()), new Secret(TOKEN),
                "invitation-enrollment", List.of("authentik Admins"), new UserMapping.Localpart(), Map.of("media-users", "Jellyfin"),
                Map.of());
        return new NameBook(new AuthentikClient(settings, new OkHttpClient()), Duration.ofSeconds(60), nanos::get, Runnable::run);
    }

    private void seed(String name) {
        authentik.addInvitation(name, Instant.now().plus(Duration.ofDays(1)), true, Map.of(), "invitebot");
    }
}
