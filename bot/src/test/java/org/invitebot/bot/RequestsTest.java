package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.invitebot.bot.demo.DemoDevice;
import org.invitebot.bot.demo.DemoWorld;
import org.invitebot.core.invite.RetryWindow;
import org.invitebot.core.store.Durability;
import org.invitebot.core.store.ReceivedCommand;
import org.invitebot.core.store.StateStore;
import org.invitebot.testbed.authentik.StoredInvitation;
import org.invitebot.testbed.matrix.RoomEvent;

/**
 * Issue 15's invitation requests, as the people in the rooms see them: a member asks in the lobby, the admins
 * decide in their room by reaction or command, and the member hears how it ended.
 */
class RequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DAVE = "@dave:" + DemoWorld.SERVER;

    @TempDir
    Path state;
    private RunningBot bot;

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void aMemberAsksAndAnAdminApprovesByReactionAndTheMemberIsToldTheEmailIsOnItsWay() throws Exception {
        bot = RunningBot.start(state);
        String request = bot.homeserver().sendText(lobby(), DemoWorld.BOB,
                "!request jane@example.com media-users --reason \"my sister\"");

        assertThat(body(awaitBotMessage(lobby(), replyingTo(request)))).contains("Request #1", "went to the admins");
        RoomEvent post = awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #1"));
        assertThat(body(post)).contains("from " + DemoWorld.BOB, "j***@example.com", "media-users", "my sister", "!approve 1");
        assertThat(bot.authentik().invitations()).as("nothing before an admin decides").isEmpty();

        bot.homeserver().react(admins(), DemoWorld.ADMIN, post.eventId(), "✅");

        RoomEvent approved = awaitBotMessage(admins(), inThreadOf(post.eventId()));
        assertThat(body(approved)).contains("Approved request #1 of " + DemoWorld.BOB, "email on its way");
        StoredInvitation invitation = awaitInvitation();
        assertThat(invitation.fixedData()).containsEntry("email", "jane@example.com");
        assertThat(attributes(invitation)).containsEntry("requested_by", DemoWorld.BOB)
                .containsEntry("approved_by", DemoWorld.ADMIN).containsEntry("invited_by", DemoWorld.ADMIN)
                .containsEntry("requested_groups", List.of("media-users"));
        RoomEvent told = awaitBotMessage(lobby(), replyingTo(request).and(event -> body(event).contains("approved")));
        assertThat(body(told)).contains("Your request #1", "approved by " + DemoWorld.ADMIN, "email on its way");
        assertThat(bot.homeserver().reactionsTo(admins(), post.eventId())).as("the bot does not react to a reaction's answer")
                .allMatch(reaction -> reaction.sender().equals(DemoWorld.ADMIN));
        assertThat(audit()).contains("request opened #1 by " + DemoWorld.BOB, "approve approved #1 by " + DemoWorld.BOB);

        // the invitation's news goes to the request's thread, where it was approved
        bot.authentik().sendInvitationEmail(invitation.pk());
        assertThat(body(awaitBotMessage(admins(), inThreadOf(post.eventId()).and(event -> body(event).contains("went out")))))
                .contains("The invitation email for " + invitation.name() + " went out");
        bot.authentik().enroll(invitation.pk(), "jane", "Jane Smith", "jane@example.com");
        assertThat(body(awaitBotMessage(bot.world().onboardingRoom(), event -> body(event).contains("Jane Smith (jane) enrolled"))))
                .contains("invited by " + DemoWorld.ADMIN + " at the request of " + DemoWorld.BOB);
        assertThat(body(awaitBotMessage(lobby(), replyingTo(request).and(event -> body(event).contains("enrolled")))))
                .contains("Jane Smith (jane) enrolled via " + invitation.name());
    }

    @Test
    void aLinkRequestApprovedByCommandSendsTheLinkToTheRequesterAloneByDirectMessage() throws Exception {
        bot = RunningBot.start(state);
        DemoDevice phone = new DemoDevice(bot.homeserver().baseUrl(), DemoWorld.BOB, "BOBPHONE",
                bot.homeserver().addDevice(DemoWorld.BOB, "BOBPHONE")).uploadKeys();
        String request = bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request \"Jane Smith\"");
        awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #1"));

        String reply = bot.ask(admins(), DemoWorld.ADMIN, "!approve 1");

        assertThat(reply).contains("Approved request #1", "sending the link to " + DemoWorld.BOB).doesNotContain("itoken");
        String dm = awaitDirectRoom(DemoWorld.BOB);
        // the link is a credential: the DM is encrypted, and only the requester's device reads it
        RoomEvent link = bot.homeserver().awaitEvent(dm, event -> event.type().equals("m.room.encrypted")
                && event.sender().equals(DemoWorld.BOT), WAIT).orElseThrow();
        assertThat(link.content().toString()).doesNotContain(awaitInvitation().pk().toString());
        assertThat(phone.decrypt(link.content()).orElseThrow().path("body").asText())
                .contains("itoken=" + awaitInvitation().pk(), "single use", "Jane Smith");
        assertThat(body(awaitBotMessage(lobby(), replyingTo(request).and(event -> body(event).contains("approved")))))
                .contains("sent you its link by direct message").doesNotContain("itoken");
        assertThat(bot.botMessages(lobby())).noneMatch(event -> body(event).contains("itoken"));
        assertThat(bot.botMessages(admins())).noneMatch(event -> body(event).contains("itoken"));
    }

    @Test
    void aDeniedRequestMakesNothingAndTheMemberHearsWhyOnce() throws Exception {
        bot = RunningBot.start(state);
        String first = bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request jane@example.com");
        awaitBotMessage(lobby(), replyingTo(first));
        String second = bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request joe@example.com");
        awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #2"));

        assertThat(bot.ask(admins(), DemoWorld.ADMIN, "!deny 1 we have not met her")).contains("Denied request #1");
        RoomEvent post = awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #2"));
        bot.homeserver().react(admins(), DemoWorld.CAROL, post.eventId(), "❌");

        assertThat(body(awaitBotMessage(lobby(), replyingTo(first).and(event -> body(event).contains("denied")))))
                .contains("denied by " + DemoWorld.ADMIN, "we have not met her");
        assertThat(body(awaitBotMessage(lobby(), replyingTo(second).and(event -> body(event).contains("denied")))))
                .contains("denied by " + DemoWorld.CAROL);
        String late = bot.homeserver().sendText(admins(), DemoWorld.ADMIN, "!approve 1");
        assertThat(body(awaitBotMessage(admins(), replyingTo(late)))).contains("already denied by " + DemoWorld.ADMIN);
        assertThat(bot.homeserver().awaitEvent(admins(), event -> event.type().equals("m.reaction")
                && event.content().path("m.relates_to").path("event_id").asText().equals(late), WAIT).orElseThrow()
                .content().path("m.relates_to").path("key").asText()).as("nothing was done").isEqualTo("❌");
        bot.restartBot();
        assertThat(bot.ask(admins(), DemoWorld.ADMIN, "!requests")).contains("No invitation requests are waiting");
        assertThat(bot.authentik().invitations()).isEmpty();
        assertThat(bot.botMessages(lobby()).stream().filter(event -> body(event).contains("denied"))).hasSize(2);
    }

    @Test
    void anApproverMayApproveOnlyGroupsTheyMayGrantAndTheRequestStaysOpenForAnother() throws Exception {
        bot = RunningBot.prepare(state);
        bot.startBot(yaml -> yaml.replace("requestable_groups: [media-users]", "requestable_groups: [media-users, ai-users]"));
        bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request jane@example.com ai-users");
        awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #1"));

        assertThat(bot.ask(admins(), DemoWorld.CAROL, "!approve 1")).contains("you may not grant group \"ai-users\"");
        assertThat(bot.ask(admins(), DemoWorld.BOB, "!approve 1")).contains("not authorised");
        assertThat(bot.ask(admins(), DemoWorld.ADMIN, "!requests")).contains("#1", DemoWorld.BOB, "ai-users");
        assertThat(bot.ask(admins(), DemoWorld.ADMIN, "!approve 1")).contains("Approved request #1");
        assertThat(bot.authentik().invitations()).hasSize(1);
    }

    @Test
    void twoAdminsApprovingAtTheSameMomentMakeOneInvitationAndTheSecondHearsWhoWasFirst() throws Exception {
        bot = RunningBot.start(state);
        bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request jane@example.com media-users");
        RoomEvent post = awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #1"));

        bot.homeserver().react(admins(), DemoWorld.ADMIN, post.eventId(), "✅");
        bot.homeserver().react(admins(), DemoWorld.CAROL, post.eventId(), "✅️");

        awaitBotMessage(admins(), inThreadOf(post.eventId()).and(event -> body(event).contains("nothing was done")));
        awaitBotMessage(admins(), inThreadOf(post.eventId()).and(event -> body(event).startsWith("Approved")));
        List<String> answers = bot.botMessages(admins()).stream().filter(inThreadOf(post.eventId())).map(RequestsTest::body).toList();
        assertThat(answers).hasSize(2);
        assertThat(answers).filteredOn(answer -> answer.startsWith("Approved request #1")).hasSize(1);
        String winner = (String) attributes(awaitInvitation()).get("approved_by");
        assertThat(answers).filteredOn(answer -> !answer.startsWith("Approved")).singleElement().asString()
                .containsAnyOf("already approved by " + winner, "is being approved by " + winner).contains("nothing was done");
        Thread.sleep(500);
        assertThat(bot.authentik().invitations()).hasSize(1);
    }

    @Test
    void anApprovalThatGaveUpAfterAuthentikMadeTheInvitationIsFinishedByTheNextApprovalWithoutASecondOne() throws Exception {
        bot = RunningBot.prepare(state);
        bot.startBot(new RetryWindow(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1)));
        String request = bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request jane@example.com");
        awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #1"));
        bot.authentik().goDownAfterNext("stages_invitation_invitations_create");

        String first = bot.homeserver().sendText(admins(), DemoWorld.ADMIN, "!approve 1");
        assertThat(body(awaitBotMessage(admins(), replyingTo(first).and(event -> body(event).startsWith("Failed")))))
                .contains("gave up after 3 seconds");
        assertThat(bot.authentik().invitations()).as("made before Authentik went down").hasSize(1);
        String made = bot.authentik().invitations().get(0).name();
        bot.authentik().setAvailable(true);

        assertThat(bot.ask(admins(), DemoWorld.ADMIN, "!approve 1")).contains("Approved request #1", made);
        assertThat(bot.authentik().invitations()).hasSize(1);
        assertThat(body(awaitBotMessage(lobby(), replyingTo(request).and(event -> body(event).contains("approved")))))
                .contains(made, "email on its way");
        assertThat(bot.ask(admins(), DemoWorld.ADMIN, "!requests")).doesNotContain("#1");
    }

    @Test
    void aReactionThatComesBeforeTheBotHasHeardItsPostsIdStillCounts() throws Exception {
        bot = RunningBot.start(state);
        bot.homeserver().setSendAnswerDelay(Duration.ofSeconds(2));
        bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request jane@example.com");
        RoomEvent post = awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #1"));

        bot.homeserver().react(admins(), DemoWorld.ADMIN, post.eventId(), "✅");

        assertThat(body(awaitBotMessage(admins(), inThreadOf(post.eventId())))).startsWith("Approved request #1");
        assertThat(awaitInvitation().fixedData()).containsEntry("email", "jane@example.com");
    }

    @Test
    void aMemberOverTheDailyLimitIsRefusedWithoutTheApproversHearingOfIt() throws Exception {
        bot = RunningBot.start(state);
        for (String invitee : List.of("a@example.com", "b@example.com", "c@example.com")) {
            assertThat(bot.ask(lobby(), DemoWorld.BOB, "!request " + invitee)).contains("went to the admins");
        }
        assertThat(bot.ask(lobby(), DemoWorld.BOB, "!request d@example.com"))
                .contains("you have made 3 requests in the last 24 hours, the most allowed");
        Thread.sleep(300);
        assertThat(posts()).hasSize(3);
    }

    @Test
    void aRequestNobodyDecidesExpiresAndTheMemberIsToldOnceAcrossARestart() throws Exception {
        bot = RunningBot.prepare(state);
        bot.startBot(yaml -> yaml.replace("requestable_groups: [media-users]", "requestable_groups: [media-users]\n  expire_after: 2s"));
        String request = bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request jane@example.com");
        RoomEvent post = awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #1"));

        assertThat(body(awaitBotMessage(lobby(), replyingTo(request).and(event -> body(event).contains("expired")))))
                .contains("Your request #1", "expired without a decision");
        awaitBotMessage(admins(), inThreadOf(post.eventId()).and(event -> body(event).contains("expired")));
        assertThat(bot.ask(admins(), DemoWorld.ADMIN, "!approve 1")).contains("expired", "nothing was done");
        bot.restartBot();
        Thread.sleep(1_000);
        assertThat(bot.botMessages(lobby()).stream().filter(event -> body(event).contains("expired"))).hasSize(1);
        assertThat(bot.authentik().invitations()).isEmpty();
        assertThat(audit()).contains("request expired #1");
    }

    @Test
    void requestsFromAnUntrustedServerOrAnUnmappedUserAreRefusedWithoutReachingTheApprovers() throws Exception {
        bot = RunningBot.prepare(state);
        bot.homeserver().registerUser(DAVE);
        bot.homeserver().invite(lobby(), DemoWorld.ADMIN, DAVE);
        bot.homeserver().join(lobby(), DAVE);
        bot.homeserver().joinFromOtherServer(lobby(), DemoWorld.ADMIN, "@mallory:evil.example");
        bot.startBot();

        assertThat(bot.ask(lobby(), DAVE, "!request jane@example.com")).contains("only members may request invitations");
        assertThat(bot.ask(lobby(), "@mallory:evil.example", "!request jane@example.com"))
                .contains("only members may request invitations");
        assertThat(bot.ask(admins(), DemoWorld.BOB, "!request jane@example.com")).contains("rooms set up for them");
        assertThat(bot.ask(lobby(), DemoWorld.BOB, "!request jane@example.com ai-users")).contains("you may request: media-users");
        Thread.sleep(300);
        assertThat(posts()).isEmpty();
        assertThat(audit()).contains("request not-a-member no Authentik user maps to " + DAVE,
                "homeserver evil.example is not trusted");
    }

    @Test
    void aMemberAskingForHelpSeesWhatAMemberCanDoAndAnAdminSeesEverything() throws Exception {
        bot = RunningBot.prepare(state);
        bot.startBot();

        assertThat(bot.ask(lobby(), DemoWorld.BOB, "!help")).contains("commands for members", "!request <email", "!whoami")
                .doesNotContain("!invite", "!approve", "!audit");
        assertThat(bot.ask(lobby(), DemoWorld.BOB, "!help request")).contains("!request jane@example.com --reason");
        assertThat(bot.ask(lobby(), DemoWorld.ADMIN, "!help")).contains("!invite <email", "!approve <number>", "!request <email");
    }

    @Test
    void requesterGroupsNarrowWhoIsAMemberAndRequestsAreOffWithoutTheSection() throws Exception {
        bot = RunningBot.prepare(state);
        bot.startBot(yaml -> yaml.replace("requestable_groups: [media-users]",
                "requestable_groups: [media-users]\n  requester_groups: [cloud-users]"));

        assertThat(bot.ask(lobby(), DemoWorld.BOB, "!request jane@example.com"))
                .contains("only members of cloud-users may request invitations");
        bot.stopBot();
        bot.startBot(yaml -> yaml.replaceAll("requests:\n(  .*\n)+", ""));
        assertThat(bot.ask(lobby(), DemoWorld.BOB, "!request jane@example.com")).contains("not taken here");
        assertThat(posts()).isEmpty();
    }

    @Test
    void inAnEncryptedApproversRoomTheRequestIsPostedEncryptedAndAnEncryptedReactionFromAVerifiedDeviceApprovesIt()
            throws Exception {
        bot = RunningBot.prepare(state);
        bot.homeserver().enableEncryption(admins(), DemoWorld.ADMIN);
        bot.startBot();
        DemoDevice admin = new DemoDevice(bot.homeserver().baseUrl(), DemoWorld.ADMIN, "PHONE",
                bot.homeserver().addDevice(DemoWorld.ADMIN, "PHONE")).uploadKeys().crossSign();
        bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request jane@example.com media-users");

        RoomEvent post = bot.homeserver().awaitEvent(admins(), event -> event.sender().equals(DemoWorld.BOT)
                && event.type().equals("m.room.encrypted"), WAIT).orElseThrow();
        assertThat(admin.decrypt(post.content()).orElseThrow().path("body").asText()).startsWith("Invitation request #1");
        // Element puts a reaction's relation in the clear part only
        admin.react(admins(), post.eventId(), "✅");

        assertThat(awaitInvitation().fixedData()).containsEntry("email", "jane@example.com");
        RoomEvent answer = bot.homeserver().awaitEvent(admins(), event -> event.sender().equals(DemoWorld.BOT)
                && event.type().equals("m.room.encrypted") && inThreadOf(post.eventId()).test(event), WAIT).orElseThrow();
        assertThat(admin.decrypt(answer.content()).orElseThrow().path("body").asText()).startsWith("Approved request #1");
    }

    @Test
    void aReactionTakenBackBeforeTheBotActedOnItDoesNothing() throws Exception {
        bot = RunningBot.start(state);
        String first = bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request jane@example.com");
        awaitBotMessage(lobby(), replyingTo(first));
        bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request joe@example.com");
        RoomEvent unseen = awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #1"));
        RoomEvent recorded = awaitBotMessage(admins(), event -> body(event).startsWith("Invitation request #2"));
        bot.stopBot();
        // taken back before the bot read it
        bot.homeserver().redact(admins(), DemoWorld.ADMIN, bot.homeserver().react(admins(), DemoWorld.ADMIN, unseen.eventId(), "✅"));
        // as a bot killed right after it recorded the reaction with its batch, before it began on it
        String reaction = bot.homeserver().react(admins(), DemoWorld.ADMIN, recorded.eventId(), "✅");
        try (StateStore store = StateStore.open(state.resolve("invitebot.db"), Clock.systemUTC())) {
            store.receive(List.of(new ReceivedCommand(reaction, "matrix-reaction", admins(), DemoWorld.ADMIN, "!approve 2",
                    Optional.of(recorded.eventId()))), "matrix.sync", store.position("matrix.sync").orElseThrow(),
                    Durability.CRASH_SAFE);
        }
        bot.homeserver().redact(admins(), DemoWorld.ADMIN, reaction);

        bot.startBot();

        assertThat(bot.ask(admins(), DemoWorld.ADMIN, "!requests")).contains("#1", "#2");
        assertThat(bot.authentik().invitations()).isEmpty();
        assertThat(bot.botMessages(admins())).noneMatch(inThreadOf(unseen.eventId())).noneMatch(inThreadOf(recorded.eventId()));
    }

    @Test
    void anApproversRoomOfItsOwnTakesTheAdminsDecisions() throws Exception {
        bot = RunningBot.prepare(state);
        String approvers = bot.homeserver().createRoom(DemoWorld.ADMIN, "approvers", false);
        bot.homeserver().invite(approvers, DemoWorld.ADMIN, DemoWorld.BOT);
        bot.startBot(yaml -> yaml.replace("requestable_groups: [media-users]",
                "requestable_groups: [media-users]\n  approvers_room: \"" + approvers + "\""));
        bot.homeserver().sendText(lobby(), DemoWorld.BOB, "!request \"Jane Smith\"");
        awaitBotMessage(approvers, event -> body(event).startsWith("Invitation request #1"));

        assertThat(bot.ask(approvers, DemoWorld.ADMIN, "!approve 1")).contains("Approved request #1").doesNotContain("itoken");
        assertThat(posts()).as("nothing in the admins' room").isEmpty();
    }

    @Test
    void aMemberMayAskInADirectMessageWithTheBot() throws Exception {
        bot = RunningBot.start(state);
        String dm = bot.homeserver().createDirectRoom(DemoWorld.BOB, DemoWorld.BOT);
        awaitJoined(dm);

        assertThat(bot.ask(dm, DemoWorld.BOB, "!request jane@example.com")).contains("Request #1", "went to the admins");
        assertThat(bot.ask(dm, DemoWorld.BOB, "!invite jane@example.com")).contains("not authorised");
    }

    private String lobby() {
        return bot.world().lobbyRoom();
    }

    private String admins() {
        return bot.world().adminsRoom();
    }

    private List<RoomEvent> posts() {
        return bot.botMessages(admins()).stream().filter(event -> body(event).startsWith("Invitation request #")).toList();
    }

    private String audit() {
        return bot.ask(admins(), DemoWorld.ADMIN, "!audit 50").replaceAll(" {2,}", " ");
    }

    private RoomEvent awaitBotMessage(String room, Predicate<RoomEvent> matching) {
        return bot.homeserver().awaitEvent(room, event -> event.sender().equals(DemoWorld.BOT) && event.isMessage()
                && matching.test(event), WAIT).orElseThrow(() -> new AssertionError("no such message from the bot in " + room));
    }

    private StoredInvitation awaitInvitation() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bot.authentik().invitations().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(bot.authentik().invitations()).hasSize(1);
        return bot.authentik().invitations().get(0);
    }

    private String awaitDirectRoom(String user) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> room = Optional.ofNullable(bot.homeserver().directRoomsOf(DemoWorld.BOT).get(user))
                    .flatMap(rooms -> rooms.stream().findFirst());
            if (room.isPresent()) {
                return room.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the bot opened no direct room with " + user);
    }

    private void awaitJoined(String room) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!bot.homeserver().isJoined(room, DemoWorld.BOT) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(bot.homeserver().isJoined(room, DemoWorld.BOT)).as("the bot joined the member's DM").isTrue();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> attributes(StoredInvitation invitation) {
        return (java.util.Map<String, Object>) invitation.fixedData().get("attributes");
    }

    private static Predicate<RoomEvent> replyingTo(String eventId) {
        return event -> event.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText().equals(eventId);
    }

    private static Predicate<RoomEvent> inThreadOf(String root) {
        return event -> {
            JsonNode relation = event.content().path("m.relates_to");
            return relation.path("rel_type").asText().equals("m.thread") && relation.path("event_id").asText().equals(root);
        };
    }

    private static String body(RoomEvent event) {
        return event.content().path("body").asText();
    }
}
