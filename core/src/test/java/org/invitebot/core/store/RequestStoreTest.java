package org.invitebot.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.core.command.Request;

/** The state file's part in deciding a request exactly once. */
class RequestStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Request JANE = new Request(Optional.of("jane@example.com"), Optional.empty(), List.of("media-users"),
            Optional.of("my sister"));

    @TempDir
    Path dir;
    private StateStore store;

    @BeforeEach
    void open() {
        store = StateStore.open(dir.resolve("state.db"), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aResumedRequestCommandFindsTheRequestItOpenedInsteadOfOpeningASecond() {
        InvitationRequest first = store.openRequest("$ask", "@bob:example.org", JANE, NOW.plus(Duration.ofDays(7)));
        InvitationRequest again = store.openRequest("$ask", "@bob:example.org", JANE, NOW.plus(Duration.ofDays(7)));

        assertThat(again).isEqualTo(first);
        assertThat(store.openRequests()).hasSize(1);
        assertThat(first.asked()).isEqualTo(JANE);
    }

    @Test
    void ofManyApprovalsAtOnceExactlyOneClaimsTheRequestAndOnlyItMayClaimItAgain() throws Exception {
        long id = store.openRequest("$ask", "@bob:example.org", JANE, NOW.plus(Duration.ofDays(7))).id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> claims = java.util.stream.IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> {
            go.await();
            return store.claimRequest(id, "$approve" + i, "@admin" + i + ":example.org");
        })).toList();
        go.countDown();
        int won = 0;
        for (Future<Boolean> claim : claims) {
            won += claim.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
        InvitationRequest claimed = store.request(id).orElseThrow();
        assertThat(claimed.state()).isEqualTo(RequestState.APPROVING);
        String winner = claimed.decisionCommand().orElseThrow();
        assertThat(store.claimRequest(id, winner, "@x:example.org")).as("the resumed approval").isTrue();
        assertThat(store.denyRequest(id, "$deny", "@carol:example.org", Optional.empty())).isFalse();
        store.requestApproved(id, winner, "jane-2026-12");
        assertThat(store.claimRequest(id, winner, "@x:example.org")).as("resumed after it was done").isTrue();
        assertThat(store.claimRequest(id, "$late", "@late:example.org")).isFalse();
        assertThat(store.request(id).orElseThrow().invitationName()).contains("jane-2026-12");
    }

    @Test
    void aReleasedClaimLeavesTheRequestOpenForAnyone() {
        long id = store.openRequest("$ask", "@bob:example.org", JANE, NOW.plus(Duration.ofDays(7))).id();
        store.claimRequest(id, "$approve", "@carol:example.org");

        store.releaseRequest(id, "$approve");

        assertThat(store.request(id).orElseThrow().state()).isEqualTo(RequestState.OPEN);
        assertThat(store.denyRequest(id, "$deny", "@admin:example.org", Optional.of("no"))).isTrue();
        assertThat(store.request(id).orElseThrow().denyReason()).contains("no");
        assertThat(store.untoldRequests()).extracting(InvitationRequest::id).containsExactly(id);
        store.requesterTold(id);
        assertThat(store.untoldRequests()).isEmpty();
    }

    @Test
    void onlyOpenRequestsExpireAndEachOnce() {
        long due = store.openRequest("$a", "@bob:example.org", JANE, NOW).id();
        long later = store.openRequest("$b", "@bob:example.org", JANE, NOW.plusSeconds(1)).id();
        long claimed = store.openRequest("$c", "@bob:example.org", JANE, NOW.minusSeconds(1)).id();
        store.claimRequest(claimed, "$approve", "@admin:example.org");

        assertThat(store.expireRequests(NOW)).extracting(InvitationRequest::id).containsExactly(due);
        assertThat(store.expireRequests(NOW)).isEmpty();
        assertThat(store.request(later).orElseThrow().state()).isEqualTo(RequestState.OPEN);
        assertThat(store.requestsSince("@bob:example.org", NOW.minus(Duration.ofDays(1)))).isEqualTo(3);
        assertThat(store.requestsSince("@bob:example.org", NOW)).isZero();
    }

    @Test
    void aCommandWithdrawnBeforeItStartedNeverStartsAndOneStartedCannotBeWithdrawn() {
        store.receive(List.of(new ReceivedCommand("$r1", "matrix-reaction", "!a", "@admin:example.org", "!approve 1"),
                new ReceivedCommand("$r2", "matrix-reaction", "!a", "@admin:example.org", "!approve 2")), "p", "1",
                Durability.CRASH_SAFE);

        assertThat(store.withdraw("$r1")).isTrue();
        assertThat(store.start("$r1")).isFalse();
        assertThat(store.start("$r2")).isTrue();
        assertThat(store.withdraw("$r2")).isFalse();
        assertThat(store.unfinished()).extracting(record -> record.command().id()).containsExactly("$r2");
    }
}
