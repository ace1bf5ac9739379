package org.invitebot.testbed.authentik;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The runbook's {@code invitation-email-sender} policy on its notification rule (API-NOTES §7): an
 * invitation created with {@code fixed_data.email} is mailed at once, or the mail task fails while
 * SMTP is broken. Off until switched on, so that tests drive the email by hand. The mail goes out on
 * a worker thread, after the API has answered, as Authentik's task queue sends it.
 */
final class EmailPolicy implements Consumer<StoredEvent> {

    private final AuthentikState state;
    private final Invitee invitee;
    private volatile boolean enabled;
    private volatile Optional<String> smtpFailure = Optional.empty();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "authentik-worker");
        thread.setDaemon(true);
        return thread;
    });

    EmailPolicy(AuthentikState state, Invitee invitee) {
        this.state = state;
        this.invitee = invitee;
    }

    void enable(boolean enabled) {
        this.enabled = enabled;
    }

    /** @param failure the error the mail task fails with; empty when SMTP works */
    void smtpFailure(Optional<String> failure) {
        this.smtpFailure = failure;
    }

    @Override
    public void accept(StoredEvent event) {
        if (!enabled || !event.action().equals("model_created")
                || !(event.context().get("model") instanceof Map<?, ?> model)
                || !"invitation".equals(model.get("model_name"))) {
            return;
        }
        UUID pk = UUID.fromString(String.valueOf(model.get("pk"))
                .replaceFirst("(\\p{XDigit}{8})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{4})(\\p{XDigit}{12})", "$1-$2-$3-$4-$5"));
        Optional<String> failure = smtpFailure;
        state.invitation(pk).filter(invitation -> invitation.fixedData().get("email") != null).ifPresent(invitation ->
                worker.execute(() -> failure.ifPresentOrElse(invitee::failEmail, () -> invitee.sendInvitationEmail(pk))));
    }

    void close() {
        worker.shutdownNow();
    }
}
