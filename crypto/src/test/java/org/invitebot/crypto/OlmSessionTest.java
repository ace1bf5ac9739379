package org.invitebot.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Olm between two of our own accounts: the limits, tampering and pickles (interop is LibolmInteropTest's). */
class OlmSessionTest {

    private final byte[] pickleKey = key();

    private record Pair(Session alice, Session bob) {
    }

    @Test
    void aFirstPreKeyMessageStartsBobsSessionAndUsesUpHisOneTimeKey() throws Exception {
        Account bob = Account.create();
        bob.generateOneTimeKeys(2);
        String oneTime = bob.unpublishedOneTimeKeys().values().iterator().next();
        Account alice = Account.create();
        OlmMessage first = alice.createOutboundSession(bob.curve25519Key(), oneTime).encrypt(bytes("hi"));

        InboundCreation created = bob.createInboundSession(alice.curve25519Key(), first);

        assertThat(text(created.plaintext())).isEqualTo("hi");
        assertThat(bob.unpublishedOneTimeKeys()).hasSize(1).doesNotContainValue(oneTime);
        assertThatThrownBy(() -> bob.createInboundSession(alice.curve25519Key(), first))
                .isInstanceOfSatisfying(OlmException.class, e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.MISSING_ONE_TIME_KEY));
    }

    @Test
    void thePreviousFallbackKeyStartsSessionsUntilItIsForgotten() throws Exception {
        Account bob = Account.create();
        bob.generateFallbackKey();
        String first = bob.unpublishedFallbackKey().values().iterator().next();
        bob.markKeysAsPublished();
        bob.generateFallbackKey();
        Account alice = Account.create();
        OlmMessage early = alice.createOutboundSession(bob.curve25519Key(), first).encrypt(bytes("in flight"));
        Account late = Account.create();
        OlmMessage afterForgetting = late.createOutboundSession(bob.curve25519Key(), first).encrypt(bytes("too late"));

        assertThat(text(bob.createInboundSession(alice.curve25519Key(), early).plaintext()))
                .as("a message under way when the key was replaced").isEqualTo("in flight");
        bob.forgetOldFallbackKey();
        assertThatThrownBy(() -> bob.createInboundSession(late.curve25519Key(), afterForgetting))
                .isInstanceOfSatisfying(OlmException.class, e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.MISSING_ONE_TIME_KEY));
    }

    @Test
    void aReplayedMessageIsRefusedAsItsKeyIsSpent() throws Exception {
        Pair pair = pair();
        OlmMessage message = pair.alice().encrypt(bytes("once"));
        pair.bob().decrypt(message);

        assertThatThrownBy(() -> pair.bob().decrypt(message)).isInstanceOfSatisfying(OlmException.class,
                e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.UNKNOWN_MESSAGE_INDEX));
    }

    @Test
    void messagesOutOfOrderDecryptWithinTheSkippedKeyLimitAndNotBeyond() throws Exception {
        Pair pair = pair();
        List<OlmMessage> sent = new ArrayList<>();
        for (int i = 0; i <= Ratchet.MAX_SKIPPED_MESSAGE_KEYS + 1; i++) {
            sent.add(pair.alice().encrypt(bytes("m" + i)));
        }
        assertThat(text(pair.bob().decrypt(sent.get(Ratchet.MAX_SKIPPED_MESSAGE_KEYS + 1)))).isEqualTo("m41");

        assertThat(text(pair.bob().decrypt(sent.get(1)))).as("the newest 40 skipped keys are kept").isEqualTo("m1");
        assertThatThrownBy(() -> pair.bob().decrypt(sent.get(0))).as("the oldest was dropped")
                .isInstanceOfSatisfying(OlmException.class, e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.UNKNOWN_MESSAGE_INDEX));
    }

    @Test
    void aMessageFurtherAheadThanTheGapLimitIsRefusedAndChangesNothing() throws Exception {
        Pair pair = pair();
        List<OlmMessage> sent = new ArrayList<>();
        for (int i = 0; i <= Ratchet.MAX_MESSAGE_GAP + 1; i++) {
            sent.add(pair.alice().encrypt(bytes("m" + i)));
        }
        assertThat(text(pair.bob().decrypt(sent.get(Ratchet.MAX_MESSAGE_GAP)))).as("exactly at the limit").isEqualTo("m2000");
        Pair fresh = pair();
        List<OlmMessage> more = new ArrayList<>();
        for (int i = 0; i <= Ratchet.MAX_MESSAGE_GAP + 1; i++) {
            more.add(fresh.alice().encrypt(bytes("n" + i)));
        }
        assertThatThrownBy(() -> fresh.bob().decrypt(more.get(Ratchet.MAX_MESSAGE_GAP + 1)))
                .isInstanceOfSatisfying(OlmException.class, e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.MESSAGE_GAP_TOO_LARGE));
        assertThat(text(fresh.bob().decrypt(more.get(0)))).isEqualTo("n0");
    }

    @Test
    void aTamperedMessageFailsItsMacAndLeavesTheSessionAsItWas() throws Exception {
        Pair pair = pair();
        OlmMessage message = pair.alice().encrypt(bytes("intact"));
        byte[] raw = Base64.getDecoder().decode(message.body());
        raw[raw.length - 12] ^= 1;
        OlmMessage tampered = new OlmMessage(message.type(), Base64.getEncoder().withoutPadding().encodeToString(raw));

        assertThatThrownBy(() -> pair.bob().decrypt(tampered)).isInstanceOfSatisfying(OlmException.class,
                e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.BAD_MAC));
        assertThat(text(pair.bob().decrypt(message))).isEqualTo("intact");
    }

    @Test
    void onlyTheNewestReceiverChainsAreKept() throws Exception {
        Pair pair = pair();
        OlmMessage fromOldChain = null;
        for (int turn = 0; turn <= Ratchet.MAX_RECEIVER_CHAINS; turn++) {
            OlmMessage first = pair.alice().encrypt(bytes("turn " + turn));
            OlmMessage second = pair.alice().encrypt(bytes("late " + turn));
            pair.bob().decrypt(first);
            if (turn == 0) {
                fromOldChain = second;
            }
            pair.alice().decrypt(pair.bob().encrypt(bytes("ack " + turn)));
        }
        OlmMessage stale = fromOldChain;
        assertThatThrownBy(() -> pair.bob().decrypt(stale)).as("its chain was the sixth newest").isInstanceOf(OlmException.class);
    }

    @Test
    void picklesRestoreSessionsAndAccountsExactlyAndRefuseAWrongKey() throws Exception {
        Account bob = Account.create();
        bob.generateOneTimeKeys(3);
        bob.generateFallbackKey();
        Account restoredBob = Account.unpickle(bob.pickle(pickleKey), pickleKey);
        assertThat(restoredBob.curve25519Key()).isEqualTo(bob.curve25519Key());
        assertThat(restoredBob.ed25519Key()).isEqualTo(bob.ed25519Key());
        assertThat(restoredBob.unpublishedOneTimeKeys()).isEqualTo(bob.unpublishedOneTimeKeys());
        assertThat(restoredBob.unpublishedFallbackKey()).isEqualTo(bob.unpublishedFallbackKey());

        Pair pair = pair();
        pair.bob().decrypt(pair.alice().encrypt(bytes("before")));
        Session alice = Session.unpickle(pair.alice().pickle(pickleKey), pickleKey);
        Session bobSession = Session.unpickle(pair.bob().pickle(pickleKey), pickleKey);
        assertThat(text(bobSession.decrypt(alice.encrypt(bytes("after"))))).isEqualTo("after");
        assertThat(text(alice.decrypt(bobSession.encrypt(bytes("back"))))).isEqualTo("back");

        assertThatThrownBy(() -> Session.unpickle(pair.alice().pickle(pickleKey), key()))
                .isInstanceOfSatisfying(OlmException.class, e -> assertThat(e.reason()).isEqualTo(OlmException.Reason.BAD_PICKLE_KEY));
        assertThat(pair.alice().pickle(pickleKey)).as("a pickle is sealed: no key bytes in the clear")
                .doesNotContain(pair.alice().sessionId());
    }

    @Test
    void keyMaterialNeverReachesToString() {
        Account account = Account.create();
        assertThat(account.toString()).doesNotContain(account.pickle(pickleKey)).contains(account.curve25519Key());
        assertThat(Curve25519KeyPair.generate().toString()).startsWith("Curve25519KeyPair[public ");
    }

    private Pair pair() throws Exception {
        Account bob = Account.create();
        bob.generateOneTimeKeys(1);
        Account alice = Account.create();
        Session outbound = alice.createOutboundSession(bob.curve25519Key(), bob.unpublishedOneTimeKeys().values().iterator().next());
        InboundCreation inbound = bob.createInboundSession(alice.curve25519Key(), outbound.encrypt(bytes("start")));
        return new Pair(outbound, inbound.session());
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
