package org.invitebot.bot.text;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.invitebot.core.invite.Outcome;
import org.invitebot.core.policy.DeliveryMode;
import org.invitebot.core.policy.DurationText;
import org.invitebot.core.policy.InvitationPlan;
import org.invitebot.core.privacy.Mask;
import org.invitebot.core.store.AuditEntry;

/** The words of every reply, written for the admin reading them in a chat client. */
public final class ReplyText {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String prefix;
    private final Clock clock;

    public ReplyText(String prefix, Clock clock) {
        this.prefix = prefix;
        this.clock = clock;
    }

    /** What was created, without the link: safe for any room. */
    public String created(Outcome.Created created) {
        InvitationPlan plan = created.plan();
        String who = plan.displayName().or(() -> plan.email().map(Mask::email)).orElse("the invitee");
        StringBuilder text = new StringBuilder("Invitation ").append(created.invitation().name()).append(" created");
        if (plan.mode() == DeliveryMode.EMAIL) {
            text.append(": email on its way to ").append(Mask.email(plan.email().orElseThrow())).append('.');
        } else {
            text.append(" for ").append(who).append('.');
        }
        text.append(" Expires ").append(expiry(plan.expires())).append('.');
        text.append(plan.groups().isEmpty()
                ? " No groups requested."
                : " Groups after enrollment: " + String.join(", ", plan.groups()) + ".");
        if (!plan.singleUse()) {
            text.append(" Multi-use: the link works for several people until it expires.");
        }
        return text.toString();
    }

    /** The link itself, with what the admin must know about it. Only for private rooms and DMs. */
    public String link(Outcome.Created created) {
        InvitationPlan plan = created.plan();
        String use = plan.singleUse()
                ? "single use: it stops working the moment it is first opened, so send it only to "
                        + plan.displayName().orElse("the invitee") + " and don't open it yourself"
                : "multi-use until it expires";
        return "Enrollment link for " + created.invitation().name() + " (" + use + "):\n" + created.link();
    }

    public String linkSentByDirectMessage() {
        return "This room is not marked private, so I sent you the link in a direct message.";
    }

    public String cannotReadEncrypted() {
        return "This room is end-to-end encrypted, and invitebot cannot read encrypted messages: commands typed here "
                + "will not be seen. Use an unencrypted admin room, or a direct message without encryption.";
    }

    public String waitingForAuthentik(String fault, Duration retryingFor) {
        return fault + ". I will keep trying for " + DurationText.spoken(retryingFor) + " and answer here.";
    }

    /** One line per entry, newest first. */
    public String audit(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return "The audit log is empty.";
        }
        StringBuilder text = new StringBuilder("Last ").append(entries.size()).append(" audit entries, newest first:");
        for (AuditEntry entry : entries) {
            text.append('\n').append(UTC.format(entry.at())).append("  ").append(entry.actor()).append("  ")
                    .append(entry.action()).append("  ").append(entry.outcome()).append("  ").append(entry.detail());
        }
        return text.toString();
    }

    public String notAuthorised() {
        return "You are not authorised to run invitebot commands.";
    }

    public String refused(String reason) {
        return "Refused: " + reason;
    }

    public String failed(String message) {
        return "Failed: " + message;
    }

    public String malformed(String error) {
        return error;
    }

    public String help(Optional<String> topic) {
        if (topic.isEmpty()) {
            return String.join("\n", List.of(
                    "invitebot commands:",
                    prefix + "invite <email | \"Display Name\"> [expiry] [group ...] [--link] [--multi] [--name-of \"Name\"]",
                    "    create an Authentik invitation; " + prefix + "help invite for details",
                    prefix + "audit [n]    the last n audit entries (default 10)",
                    prefix + "help [command]    this help"));
        }
        return switch (topic.get()) {
            case "invite" -> String.join("\n", List.of(
                    prefix + "invite <email | \"Display Name\"> [expiry] [group ...]",
                    "  With an email address Authentik mails the link (default expiry 7d);",
                    "  with a quoted name you get the link (default expiry 48h): in a private room here,",
                    "  elsewhere by direct message. Expiry: 30m, 12h, 7d, 2w or a date like 2026-12-01.",
                    "  --link: give me the link even with an email; --multi: several people may use it",
                    "  (needs an expiry of at most 48h); --name-of \"Jane Smith\": name for an email invite.",
                    "Examples:",
                    "  " + prefix + "invite jane@example.com 7d media-users",
                    "  " + prefix + "invite \"Jane Smith\" 48h ai-users cloud-users"));
            case "audit" -> String.join("\n", List.of(
                    prefix + "audit [n]: the newest n entries (1 to 50, default 10) of the audit log: who ran which command,",
                    "  when, and how it ended; denials included. Examples:",
                    "  " + prefix + "audit",
                    "  " + prefix + "audit 25"));
            case "help" -> prefix + "help [command]: lists the commands, or explains one. Example: " + prefix + "help invite";
            default -> "unknown command \"" + topic.get() + "\"; try " + prefix + "help";
        };
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
