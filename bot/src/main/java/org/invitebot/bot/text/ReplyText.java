package org.invitebot.bot.text;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.invitebot.core.authz.Authorization;
import org.invitebot.core.followup.FollowUp;
import org.invitebot.core.invite.InvitationMarker;
import org.invitebot.core.invite.Outcome;
import org.invitebot.core.policy.DeliveryMode;
import org.invitebot.core.policy.DurationText;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.port.Invitation;
import org.invitebot.core.privacy.Mask;
import org.invitebot.core.store.AuditEntry;
import org.invitebot.core.store.InvitationRequest;
import org.invitebot.core.store.RequestState;

/** The words of every reply, written for the admin reading them in a chat client. */
public final class ReplyText {

    /** A list longer than this is cut, with a hint how to filter it. */
    static final int MOST_LISTED = 20;
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String prefix;
    private final Clock clock;
    private final Duration emailConfirmTimeout;

    public ReplyText(String prefix, Clock clock) {
        this(prefix, clock, Duration.ofMinutes(2));
    }

    /** @param emailConfirmTimeout how long the bot waits for Authentik to log an invitation email */
    public ReplyText(String prefix, Clock clock, Duration emailConfirmTimeout) {
        this.prefix = prefix;
        this.clock = clock;
        this.emailConfirmTimeout = emailConfirmTimeout;
    }

    /** What was created, without the link: safe for any room. */
    public Reply created(Outcome.Created created) {
        InvitationPlan plan = created.plan();
        Reply.Builder text = Reply.builder().text("Invitation ").bold(created.invitation().name()).text(" created");
        if (plan.mode() == DeliveryMode.EMAIL) {
            text.text(": email on its way to " + Mask.email(plan.email().orElseThrow()) + ".");
        } else if (plan.mode() == DeliveryMode.SIGNAL) {
            text.text(" for " + plan.displayName().or(() -> plan.email().map(Mask::email)).orElse("the invitee")
                    + ": link sent over Signal to " + Mask.phone(plan.signalNumber().orElseThrow()) + ".");
        } else {
            String who = plan.displayName().or(() -> plan.email().map(Mask::email)).orElse("the invitee");
            text.text(" for " + who + ".");
        }
        text.text(" Expires " + expiry(plan.expires()) + ".");
        text.text(plan.groups().isEmpty()
                ? " No groups requested."
                : " Groups after enrollment: " + String.join(", ", plan.groups()) + ".");
        if (!plan.singleUse()) {
            text.text(" Multi-use: the link works for several people until it expires.");
        }
        return text.build();
    }

    public Reply reissued(Outcome.Reissued reissued) {
        Reply.Builder replaced = reissued.revoked()
                ? Reply.builder().text("Revoked ").code(reissued.replaced().name()).text(". ")
                : Reply.builder().code(reissued.replaced().name()).text(" was already gone from Authentik. ");
        return replaced.build().and(created(reissued.created()));
    }

    /**
     * Every outcome in its reply, the link left out: a created invitation's link is for the adapter to
     * hand over where it is private.
     */
    public Reply of(Outcome outcome) {
        if (outcome instanceof Outcome.Created created) {
            return created(created);
        } else if (outcome instanceof Outcome.Reissued reissued) {
            return reissued(reissued);
        } else if (outcome instanceof Outcome.NotDelivered notDelivered) {
            return notDelivered(notDelivered);
        } else if (outcome instanceof Outcome.Refused refused) {
            return refused(refused.reason());
        } else if (outcome instanceof Outcome.NotAuthorised) {
            return notAuthorised();
        } else if (outcome instanceof Outcome.Failed failed) {
            return failed(failed.message());
        } else if (outcome instanceof Outcome.AuditShown audit) {
            return audit(audit.entries());
        } else if (outcome instanceof Outcome.InvitationsListed listed) {
            return invitations(listed);
        } else if (outcome instanceof Outcome.Revoked revoked) {
            return revoked(revoked);
        } else if (outcome instanceof Outcome.Ambiguous ambiguous) {
            return ambiguous(ambiguous);
        } else if (outcome instanceof Outcome.GroupsShown groups) {
            return groups(groups);
        } else if (outcome instanceof Outcome.WhoAmIShown whoami) {
            return whoami(whoami);
        } else if (outcome instanceof Outcome.RequestOpened opened) {
            return requestOpened(opened.request());
        } else if (outcome instanceof Outcome.RequestApproved approved) {
            return requestApproved(approved);
        } else if (outcome instanceof Outcome.RequestDenied denied) {
            return Reply.builder().text("Denied request #" + denied.request().id() + " of " + denied.request().requester()
                    + "; I will tell them.").build();
        } else if (outcome instanceof Outcome.RequestAlreadyDecided decided) {
            return alreadyDecided(decided.request());
        } else if (outcome instanceof Outcome.RequestsListed listed) {
            return requests(listed.requests());
        }
        Outcome.HelpRequested help = (Outcome.HelpRequested) outcome;
        return help.forMember() ? memberHelp() : help(help.topic());
    }

    /** The invitation whose link could not go over Signal, why, and what to do about it. */
    public Reply notDelivered(Outcome.NotDelivered failed) {
        String name = failed.created().invitation().name();
        String number = Mask.phone(failed.created().plan().signalNumber().orElseThrow());
        Reply.Builder text = Reply.builder().text("Could not send the link of ").code(name).text(" over Signal: ");
        switch (failed.reason()) {
            case NO_ACCOUNT -> text.text(number + " is not on Signal. Ask for another number, or invite by email.");
            case UNTRUSTED_IDENTITY -> text.text("the safety number of " + number + " changed or was never confirmed, so Signal"
                    + " will not send to it. Check it with the invitee, trust it for the bot's account (signal-cli-rest-api: ")
                    .code("PUT /v1/identities/<bot number>/trust/<their number>").text("), then invite again.");
            case RATE_LIMITED -> text.text("Signal is rate-limiting the bot's number and asks for a captcha. Solve one at ")
                    .code("https://signalcaptchas.org/challenge/generate.html").text(", send it with the challenge token to ")
                    .code("POST /v1/accounts/<bot number>/rate-limit-challenge").text(" of signal-cli-rest-api, then invite again.");
            case UNREACHABLE -> text.text("signal-cli-rest-api did not answer (check signal.url and that the container runs).");
            case REFUSED -> text.text("Signal refused (" + failed.detail() + ").");
        }
        text.text(failed.revoked() ? " The invitation was revoked, so no link is left that nobody received."
                : " The invitation stays; here is its link to pass on yourself.");
        return text.build();
    }

    /** The link itself, with what the admin must know about it. Only for private rooms and DMs. */
    public Reply link(Outcome.Created created) {
        return link(created.invitation(), created.link());
    }

    /** The link of {@code invitation}, with what whoever passes it on must know about it. Only for private rooms and DMs. */
    public Reply link(Invitation invitation, URI link) {
        String use = invitation.singleUse()
                ? "single use: it stops working the moment it is first opened, so send it only to "
                        + invitation.displayName().orElse("the invitee") + " and don't open it yourself"
                : "multi-use until it expires";
        return Reply.builder().text("Enrollment link for " + invitation.name() + " (" + use + "):").line()
                .code(link.toString()).build();
    }

    /** To the requester, where they asked. */
    public Reply requestOpened(InvitationRequest request) {
        return Reply.builder().text("Request ").bold("#" + request.id()).text(" for " + invitee(request)
                + groupsOf(request) + " went to the admins. I will tell you here when one of them decides; it expires "
                + expiry(request.expiresAt()) + " otherwise.").build();
    }

    /** In the approvers' room: who asks, for whom, why, and how to decide. */
    public Reply requestPosted(InvitationRequest request) {
        Reply.Builder text = Reply.builder().text("Invitation request ").bold("#" + request.id())
                .text(" from " + request.requester() + " for " + invitee(request) + groupsOf(request) + ".");
        request.asked().reason().ifPresent(reason -> text.text(" Reason: \u201c" + reason + "\u201d."));
        return text.line().text("React \u2705 to approve or \u274c to deny, or ").code(prefix + "approve " + request.id())
                .text(" / ").code(prefix + "deny " + request.id() + " [reason]")
                .text(". Expires " + expiry(request.expiresAt()) + ".").build();
    }

    /** To the approver: what their approval made; the link, if any, is the requester's. */
    public Reply requestApproved(Outcome.RequestApproved approved) {
        InvitationRequest request = approved.request();
        Reply.Builder text = Reply.builder().text("Approved request #" + request.id() + " of " + request.requester() + ". ");
        Reply made = text.build().and(created(approved.created()));
        return approved.created().plan().mode() == DeliveryMode.EMAIL ? made
                : made.and(Reply.plain("I am sending the link to " + request.requester() + " by direct message."));
    }

    /** Someone was quicker, or time ran out. */
    public Reply alreadyDecided(InvitationRequest request) {
        String number = "Request #" + request.id() + " of " + request.requester();
        String by = request.decidedBy().orElse("someone");
        String when = request.decidedAt().map(at -> " at " + UTC.format(at)).orElse("");
        return switch (request.state()) {
            case APPROVING -> Reply.plain(number + " is being approved by " + by + " right now; nothing was done.");
            case APPROVED -> Reply.builder().text(number + " was already approved by " + by + when)
                    .text(request.invitationName().map(name -> " (invitation " + name + ")").orElse(""))
                    .text("; nothing was done.").build();
            case DENIED -> Reply.plain(number + " was already denied by " + by + when + "; nothing was done.");
            case EXPIRED -> Reply.plain(number + " expired" + when + " without a decision; nothing was done.");
            case OPEN -> Reply.plain(number + " is still open.");
        };
    }

    /** Open requests, oldest first, cut after {@value #MOST_LISTED}. */
    public Reply requests(List<InvitationRequest> open) {
        if (open.isEmpty()) {
            return Reply.plain("No invitation requests are waiting for a decision.");
        }
        Reply.Builder text = Reply.builder().text(open.size() + " request" + (open.size() == 1 ? "" : "s")
                + " waiting for a decision, oldest first (" + prefix + "approve <number> or " + prefix + "deny <number>):");
        for (InvitationRequest request : open.subList(0, Math.min(MOST_LISTED, open.size()))) {
            text.line().bold("#" + request.id()).text(" · " + request.requester() + " for " + invitee(request) + groupsOf(request)
                    + request.asked().reason().map(reason -> " · \u201c" + reason + "\u201d").orElse("")
                    + (request.state() == RequestState.APPROVING ? " · being approved by " + request.decidedBy().orElse("someone")
                            : " · expires " + expiry(request.expiresAt())));
        }
        if (open.size() > MOST_LISTED) {
            text.line().text("… and " + (open.size() - MOST_LISTED) + " more.");
        }
        return text.build();
    }

    /** To the requester, where they asked, once the request is closed. */
    public Reply requestOutcome(InvitationRequest request, Optional<Invitation> made) {
        String number = "Your request #" + request.id() + " for " + invitee(request);
        String by = request.decidedBy().orElse("an admin");
        return switch (request.state()) {
            case APPROVED -> Reply.builder().text(number + " was approved by " + by + ": invitation ")
                    .code(request.invitationName().orElse("?"))
                    .text(made.flatMap(Invitation::email).isPresent()
                            ? ", email on its way to " + Mask.email(made.get().email().get()) + "."
                            : "; I sent you its link by direct message, to pass on.")
                    .text(made.map(invitation -> " Expires " + expiry(invitation.expires()) + ".").orElse("")).build();
            case DENIED -> Reply.plain(number + " was denied by " + by
                    + request.denyReason().map(reason -> ": \u201c" + reason + "\u201d.").orElse("."));
            case EXPIRED -> Reply.plain(number + " expired without a decision. Ask again, or ask an admin directly.");
            case OPEN, APPROVING -> throw new IllegalArgumentException("request #" + request.id() + " is not closed");
        };
    }

    /** In the thread of the approvers' message, when nobody decided in time. */
    public Reply requestExpired(InvitationRequest request) {
        return Reply.plain("Request #" + request.id() + " expired without a decision; " + request.requester() + " was told.");
    }

    private static String invitee(InvitationRequest request) {
        return request.asked().displayName().orElseGet(() -> Mask.email(request.asked().email().orElseThrow()));
    }

    private static String groupsOf(InvitationRequest request) {
        return request.groups().isEmpty() ? "" : " (groups: " + String.join(", ", request.groups()) + ")";
    }

    public Reply linkSentByDirectMessage() {
        return Reply.plain("This room is not marked private, so I sent you the link in a direct message.");
    }

    public Reply cannotReadEncrypted() {
        return Reply.plain("This room is end-to-end encrypted, and invitebot's encryption is off or could not start: commands "
                + "typed here will not be seen. Ask the operator to look at matrix.encryption, or use an unencrypted room.");
    }

    /** @param why what went wrong, e.g. that the key did not arrive in time */
    public Reply couldNotDecrypt(String why) {
        return Reply.plain("I could not decrypt your message (" + why + "), so I did nothing with it. Your client may not"
                + " have shared its room key with my device: check that it does not exclude unverified devices, then"
                + " send the command again.");
    }

    public Reply identityConfirmed(String user) {
        return Reply.plain("Confirmed: the new encryption identity of " + user + " is theirs; their encrypted commands count again.");
    }

    public Reply noIdentityChange(String user) {
        return Reply.plain(user + " has no changed encryption identity to confirm.");
    }

    public Reply trustNotYourself() {
        return Reply.plain("Another admin must confirm your new encryption identity; you cannot confirm it yourself.");
    }

    public Reply trustWithoutEncryption() {
        return Reply.plain("End-to-end encryption is off (matrix.encryption.enabled: false): there are no identities to confirm.");
    }

    /** An encrypted command from a device that may not command the bot (matrix.encryption.trust); nothing was done. */
    public Reply untrustedDevice(String why) {
        return Reply.plain("I did nothing with this command: " + why + ".");
    }

    public Reply waitingForAuthentik(String fault, Duration retryingFor) {
        return Reply.plain(fault + ". I will keep trying for " + DurationText.spoken(retryingFor) + " and answer here.");
    }

    public Reply notAuthorised() {
        return Reply.plain("You are not authorised to run invitebot commands.");
    }

    public Reply notHere() {
        return Reply.plain("Commands are not accepted in this room; use a room configured for invitebot, "
                + "or a direct message with me.");
    }

    public Reply onlyRequestsHere() {
        return Reply.builder().text("This room takes invitation requests only: ").code(prefix + "request")
                .text(" and ").code(prefix + "help request").text(".").build();
    }

    public Reply requestsNotHere(boolean taken) {
        return Reply.plain(taken ? "Invitation requests are taken in the rooms set up for them, or in a direct message with me."
                : "Invitation requests are not taken here; ask an admin to invite.");
    }

    public Reply requestNotPosted() {
        return Reply.builder().text("I could not post it to the admins' room, but they see it with ").code(prefix + "requests")
                .text(".").build();
    }

    public Reply refused(String reason) {
        return Reply.plain("Refused: " + reason);
    }

    public Reply failed(String message) {
        return Reply.plain("Failed: " + message);
    }

    public Reply malformed(String error) {
        return Reply.plain(error);
    }

    /** One line per invitation, soonest expiry first, cut after {@value #MOST_LISTED}. */
    public Reply invitations(Outcome.InvitationsListed listed) {
        List<Invitation> all = listed.invitations();
        String matching = listed.filter().map(filter -> " matching \"" + filter + "\"").orElse("");
        if (all.isEmpty()) {
            return Reply.plain("No active invitations" + matching + ".");
        }
        Reply.Builder text = Reply.builder().text(all.size() + " active invitation" + (all.size() == 1 ? "" : "s")
                + matching + ", soonest expiry first:");
        for (Invitation invitation : all.subList(0, Math.min(MOST_LISTED, all.size()))) {
            text.line().code(invitation.name()).text(" · " + summary(invitation));
        }
        if (all.size() > MOST_LISTED) {
            text.line().text("… and " + (all.size() - MOST_LISTED) + " more; narrow the list with ")
                    .code(prefix + "invites <text>").text(", e.g. ").code(prefix + "invites jane");
        }
        return text.build();
    }

    public Reply revoked(Outcome.Revoked revoked) {
        return Reply.builder().text("Revoked ").code(revoked.invitation().name())
                .text(": its link stops working now. (" + summary(revoked.invitation()) + ")").build();
    }

    public Reply ambiguous(Outcome.Ambiguous ambiguous) {
        Reply.Builder text = Reply.builder().text(ambiguous.candidates().size() + " invitations are named ")
                .code(ambiguous.target()).text("; say which one by the start of its pk, e.g. ")
                .code(prefix + "revoke " + shortPk(ambiguous.candidates().get(0))).text(":");
        for (Invitation candidate : ambiguous.candidates()) {
            text.line().code(shortPk(candidate)).text(" · " + summary(candidate));
        }
        return text.build();
    }

    public Reply groups(Outcome.GroupsShown shown) {
        if (shown.grantable().isEmpty()) {
            return Reply.plain("You may not grant any group.");
        }
        Reply.Builder text = Reply.builder().text("Groups you may grant:");
        shown.grantable().forEach((group, grants) ->
                text.line().code(group).text(grants.isBlank() ? "" : ": " + grants));
        return text.build();
    }

    public Reply whoami(Outcome.WhoAmIShown shown) {
        String sender = shown.sender().display();
        if (shown.authorization() instanceof Authorization.Allowed allowed) {
            return Reply.builder().text(sender + " is Authentik user ").code(allowed.user().username())
                    .text(" (" + allowed.user().name() + ", active), admitted by admin group "
                            + String.join(", ", allowed.adminGroups()) + ". You may invite and grant: "
                            + (allowed.grantable().isEmpty() ? "no groups" : String.join(", ", allowed.grantable().stream().sorted().toList()))
                            + ".")
                    .build();
        }
        Authorization.Denied denied = (Authorization.Denied) shown.authorization();
        return Reply.plain(denied.mappedUsername()
                .map(username -> sender + " maps to Authentik user " + username + ". You may not invite.")
                .orElse(sender + " maps to no Authentik user. You may not invite."));
    }

    /** A follow-up for the inviter, in the thread of their command. */
    public Reply followUp(FollowUp followUp) {
        String name = followUp.invitation().name();
        if (followUp instanceof FollowUp.EmailDelivered) {
            return Reply.builder().text("The invitation email for ").code(name).text(" went out: Authentik logged it as sent.")
                    .build();
        }
        if (followUp instanceof FollowUp.EmailNotConfirmed notConfirmed) {
            return Reply.builder()
                    .text("No email was confirmed for ").code(name)
                    .text(notConfirmed.failure().map(failure -> ": Authentik's mail task failed (" + failure + ").")
                            .orElse(" within " + DurationText.spoken(emailConfirmTimeout) + "."))
                    .text(" Check, in this order: the invitation's email field in Authentik; ").code("ak test_email <address>")
                    .text(" on the Authentik server; the SMTP account in Authentik's email settings; the worker's logs."
                            + " To send the link yourself instead: ")
                    .code(prefix + "revoke " + name).text(", then ").code(prefix + "invite <address> --link").text(".")
                    .build();
        }
        if (followUp instanceof FollowUp.LinkOpenedNoAccount) {
            return Reply.builder().text("The link of ").code(name).text(" was opened, but no account was made; a single-use"
                    + " link is used up by opening it. ").code(prefix + "reissue " + name).text(" makes a new one.").build();
        }
        if (followUp instanceof FollowUp.Enrolled enrolled) {
            return enrolled(enrolled, false, Optional.empty());
        }
        return Reply.builder().code(name).text(" expired unused and was removed from Authentik; ")
                .code(prefix + "invite").text(" again if it is still needed.").build();
    }

    /** The notifications room's line about a new user. */
    public Reply announcement(FollowUp.Enrolled enrolled) {
        return enrolled(enrolled, true, Optional.empty());
    }

    /** @param requestedBy the member whose request the invitation was made for */
    public Reply announcement(FollowUp.Enrolled enrolled, Optional<String> requestedBy) {
        return enrolled(enrolled, true, requestedBy);
    }

    private Reply enrolled(FollowUp.Enrolled enrolled, boolean withInviter, Optional<String> requestedBy) {
        Reply.Builder text = Reply.builder().text(enrolled.displayName() + " (").code(enrolled.username())
                .text(") enrolled via ").code(enrolled.invitation().name());
        if (withInviter) {
            text.text(", invited by " + enrolled.invitation().requester()
                    + requestedBy.map(member -> " at the request of " + member).orElse(""));
        }
        text.text(enrolled.added().isEmpty() ? "." : "; added to " + String.join(", ", enrolled.added()) + ".");
        if (!enrolled.notAdded().isEmpty()) {
            text.text(" Not added to:");
            enrolled.notAdded().forEach((group, why) -> text.text(" " + group + " (" + why + ")"));
            text.text(".");
        }
        return text.build();
    }

    /** One line per entry, newest first. */
    public Reply audit(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Reply.plain("The audit log is empty.");
        }
        Reply.Builder text = Reply.builder().text("Last " + entries.size() + " audit entries, newest first:");
        for (AuditEntry entry : entries) {
            text.line().text(UTC.format(entry.at()) + "  " + entry.actor() + "  " + entry.action() + "  "
                    + entry.outcome() + "  " + entry.detail());
        }
        return text.build();
    }

    /** What someone who may not invite can do: ask. */
    public Reply memberHelp() {
        return lines(List.of(
                "invitebot commands for members (the others are for admins):",
                prefix + "request <email | \"Display Name\"> [group ...] [--reason \"…\"]    ask the admins for an invitation,"
                        + " in the rooms set up for requests or a direct message with me",
                prefix + "whoami    how I see you",
                prefix + "help request    details and examples"));
    }

    public Reply help(Optional<String> topic) {
        if (topic.isEmpty()) {
            return lines(List.of(
                    "invitebot commands (" + prefix + "help <command> for details and examples):",
                    prefix + "invite <email | \"Display Name\"> [expiry] [group ...] [--link] [--multi] [--name-of \"Name\"]"
                            + " [--signal +number]",
                    prefix + "invites [text]    active invitations",
                    prefix + "revoke <name>    delete an invitation",
                    prefix + "reissue <name> [expiry]    a fresh link for the same invitee",
                    prefix + "groups    the groups you may grant",
                    prefix + "whoami    how I see you",
                    prefix + "audit [n]    the last n audit entries",
                    prefix + "trust <@user:server>    confirm another admin's new encryption identity",
                    prefix + "request <email | \"Display Name\"> [group ...] [--reason \"…\"]    members: ask the admins for an invitation",
                    prefix + "requests    requests waiting for a decision",
                    prefix + "approve <number> / " + prefix + "deny <number> [reason]    decide a request (or react \u2705 / \u274c)",
                    prefix + "help [command]    this help"));
        }
        Map<String, List<String>> details = Map.ofEntries(
                Map.entry("invite", List.of(
                        prefix + "invite <email | \"Display Name\"> [expiry] [group ...]",
                        "  With an email address Authentik mails the link (default expiry 7d);",
                        "  with a quoted name you get the link (default expiry 48h): in a private room here,",
                        "  elsewhere by direct message. Expiry: 30m, 12h, 7d, 2w or a date like 2026-12-01.",
                        "  --link: give me the link even with an email; --multi: several people may use it",
                        "  (needs an expiry of at most 48h); --name-of \"Jane Smith\": name for an email invite;",
                        "  --signal +15551234567: I send the link to that phone over Signal (add --link to get it too).",
                        "Examples:",
                        "  " + prefix + "invite jane@example.com 7d media-users",
                        "  " + prefix + "invite \"Jane Smith\" 48h ai-users cloud-users",
                        "  " + prefix + "invite \"Jane Smith\" --signal +15551234567")),
                Map.entry("invites", List.of(
                        prefix + "invites [text]: active invitations, soonest expiry first; with text, only those whose",
                        "  name or invitee contains it. Examples:",
                        "  " + prefix + "invites",
                        "  " + prefix + "invites jane")),
                Map.entry("revoke", List.of(
                        prefix + "revoke <name | pk prefix>: deletes the invitation; its link stops working at once.",
                        "  When several share a name, give the start of the pk I list. Examples:",
                        "  " + prefix + "revoke jane-smith-2026-11",
                        "  " + prefix + "revoke 3f2a9c1d")),
                Map.entry("reissue", List.of(
                        prefix + "reissue <name | pk prefix> [expiry]: a new invitation for the same invitee, mode and",
                        "  groups, with a new name and expiry; the old one is revoked. For links opened but never used.",
                        "Examples:",
                        "  " + prefix + "reissue jane-smith-2026-11",
                        "  " + prefix + "reissue jane-smith-2026-11 24h")),
                Map.entry("groups", List.of(
                        prefix + "groups: the groups you may grant, and what each gives access to. Examples:",
                        "  " + prefix + "groups",
                        "  " + prefix + "invite jane@example.com 7d media-users ai-users")),
                Map.entry("whoami", List.of(
                        prefix + "whoami: which Authentik user you are to me and whether you may invite. Examples:",
                        "  " + prefix + "whoami",
                        "  " + prefix + "help whoami")),
                Map.entry("audit", List.of(
                        prefix + "audit [n]: the newest n entries (1 to 50, default 10) of the audit log: who ran which",
                        "  command, when, and how it ended; denials included. Examples:",
                        "  " + prefix + "audit",
                        "  " + prefix + "audit 25")),
                Map.entry("trust", List.of(
                        prefix + "trust <@user:server>: when a user's encryption identity (their cross-signing keys) changes,",
                        "  I act on none of their encrypted commands until another admin confirms the change is theirs:",
                        "  ask them, in person or on a call, whether they reset their security keys. Examples:",
                        "  " + prefix + "trust @jane:example.org")),
                Map.entry("request", List.of(
                        prefix + "request <email | \"Display Name\"> [group ...] [--reason \"…\"]: for members, in the rooms",
                        "  set up for requests or a direct message with me. The admins decide; I tell you here. With an",
                        "  email address Authentik mails the invitation; with a name I send you the link. Examples:",
                        "  " + prefix + "request jane@example.com --reason \"my sister\"",
                        "  " + prefix + "request \"Jane Smith\" media-users")),
                Map.entry("requests", List.of(
                        prefix + "requests: the requests waiting for a decision, oldest first, for admins. Examples:",
                        "  " + prefix + "requests",
                        "  " + prefix + "approve 12")),
                Map.entry("approve", List.of(
                        prefix + "approve <number>: makes the invitation a request asks for, as your own " + prefix + "invite: only",
                        "  with groups you may grant. Reacting \u2705 to the request does the same. Examples:",
                        "  " + prefix + "approve 12",
                        "  " + prefix + "requests")),
                Map.entry("deny", List.of(
                        prefix + "deny <number> [reason]: closes a request without an invitation; the requester hears the",
                        "  reason. Reacting \u274c to the request does the same, without a reason. Examples:",
                        "  " + prefix + "deny 12",
                        "  " + prefix + "deny 12 we only invite people we have met")),
                Map.entry("help", List.of(
                        prefix + "help [command]: lists the commands, or explains one. Examples:",
                        "  " + prefix + "help",
                        "  " + prefix + "help invite")));
        List<String> found = details.get(topic.get());
        return found != null ? lines(found)
                : Reply.builder().text("unknown command \"" + topic.get() + "\"; try ").code(prefix + "help").build();
    }

    private static Reply lines(List<String> lines) {
        return Reply.plain(String.join("\n", lines));
    }

    private String summary(Invitation invitation) {
        boolean email = invitation.email().isPresent();
        StringBuilder text = new StringBuilder(email ? "email " + Mask.email(invitation.email().get()) : "link");
        invitation.displayName().ifPresent(name -> text.append(" for ").append(name));
        text.append(" · ").append(invitation.expires() == null ? "never expires" : "expires " + expiry(invitation.expires()));
        if (invitation.attributes().get(InvitationMarker.INVITED_BY) instanceof String invitedBy) {
            text.append(" · by ").append(invitedBy).append(" via ").append(invitation.createdBy());
        } else {
            text.append(" · by ").append(invitation.createdBy());
        }
        if (invitation.attributes().get(InvitationMarker.REQUESTED_GROUPS) instanceof List<?> groups && !groups.isEmpty()) {
            text.append(" · groups ").append(String.join(", ", groups.stream().map(String::valueOf).toList()));
        }
        text.append(invitation.singleUse() ? " · single use" : " · multi-use");
        return text.toString();
    }

    private static String shortPk(Invitation invitation) {
        return invitation.pk().toString().substring(0, 8);
    }

    /** 2026-12-02 10:00 UTC (in 7 days) */
    String expiry(Instant expires) {
        return UTC.format(expires) + " (" + relative(Duration.between(clock.instant(), expires)) + ")";
    }

    static String relative(Duration d) {
        long minutes = Math.max(0, (d.getSeconds() + 30) / 60);
        long hours = minutes / 60;
        long days = hours / 24;
        if (days >= 2) {
            long rest = hours % 24;
            return "in " + days + " days" + (days < 7 && rest > 0 ? " " + rest + " h" : "");
        }
        if (hours >= 2) {
            return "in " + hours + " hours";
        }
        return "in " + minutes + " minutes";
    }
}
