package org.invitebot.bot.signal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

import org.invitebot.core.port.CourierException;
import org.invitebot.core.port.LinkCourier;
import org.invitebot.core.port.LinkDelivery;
import org.invitebot.core.privacy.Mask;

/**
 * Sends an enrollment link to the invitee's phone over Signal, with a few words on who sent it and
 * until when it works, and turns the gateway's refusals into reasons the admin can act on.
 */
public final class SignalCourier implements LinkCourier {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final SignalClient signal;
    private final String account;
    private final RetryPolicy<Object> retry;

    /** @param account the bot's number, which must not show in what the admin is told */
    public SignalCourier(SignalClient signal, String account, Duration firstBackoff) {
        this.signal = signal;
        this.account = account;
        this.retry = RetryPolicy.builder()
                .handleIf(fault -> fault instanceof SignalException e && e.isTransient())
                .withBackoff(firstBackoff, firstBackoff.multipliedBy(4))
                .withMaxRetries(2)
                .build();
    }

    @Override
    public void deliver(LinkDelivery delivery) {
        try {
            Failsafe.with(retry).run(() -> signal.send(delivery.recipient(), message(delivery)));
        } catch (SignalException e) {
            CourierException.Reason reason = reason(e);
            // in json-rpc mode a number without an account fails as plainly as anything else: ask the service
            if (reason == CourierException.Reason.REFUSED && !registered(delivery.recipient())) {
                reason = CourierException.Reason.NO_ACCOUNT;
            }
            throw new CourierException(reason, detail(e, delivery.recipient()), e);
        } catch (FailsafeException e) {
            throw new CourierException(CourierException.Reason.UNREACHABLE, String.valueOf(e.getMessage()), e);
        }
    }

    static String message(LinkDelivery delivery) {
        String hello = delivery.inviteeName().map(name -> "Hello " + name + "! ").orElse("Hello! ");
        return hello + delivery.invitedBy() + " invited you to create an account at " + delivery.link().getHost() + ".\n\n"
                + "Open this link to sign up:\n" + delivery.link() + "\n\n"
                + (delivery.singleUse() ? "It works once and " : "It ") + "expires " + UTC.format(delivery.expires()) + "."
                + " Please don't share it. If you did not expect this message, ignore it.";
    }

    private boolean registered(String number) {
        try {
            return signal.isRegistered(number);
        } catch (SignalException e) {
            return true;
        }
    }

    /** The texts differ by mode: json-rpc answers briefly, normal and native pass signal-cli's output on. */
    private static CourierException.Reason reason(SignalException e) {
        String error = e.error().toLowerCase(Locale.ROOT);
        if (e.status() == 429 || error.contains("rate limit") || error.contains("captcha")) {
            return CourierException.Reason.RATE_LIMITED;
        }
        if (e.isTransient()) {
            return CourierException.Reason.UNREACHABLE;
        }
        if (error.contains("untrusted")) {
            return CourierException.Reason.UNTRUSTED_IDENTITY;
        }
        if (error.contains("unregistered") || error.contains("not registered")) {
            return CourierException.Reason.NO_ACCOUNT;
        }
        return CourierException.Reason.REFUSED;
    }

    /** The gateway's words, with both phone numbers masked: they end up in a chat room. */
    private String detail(SignalException e, String recipient) {
        String said = e.error().isEmpty() ? e.getMessage() : e.error();
        return said.replace(account, Mask.phone(account)).replace(recipient, Mask.phone(recipient));
    }
}
