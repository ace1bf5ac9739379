package org.invitebot.testbed.signal;

import java.util.List;

/**
 * The error texts the real server answers with when signal-cli refuses a request, per mode.
 *
 * <p>In json-rpc mode the server passes on the message of signal-cli's JSON-RPC error. In normal and
 * native mode it runs signal-cli as a command and, when that fails, answers with everything the
 * command printed, stdout and stderr together (bbernhard/signal-cli-rest-api src/client/cli.go):
 * for a send, the per-recipient failures, the timestamp and the final error line.
 *
 * <p>Sources: AsamK/signal-cli {@code SendMessageResultUtils} (per-recipient texts and the final
 * messages) and {@code SignalJsonRpcCommandHandler} (unknown account in json-rpc mode); the CLI output
 * as users reported it (AsamK/signal-cli#1223 for a send, bbernhard/signal-cli-rest-api#756 and #696
 * for an unknown account); bbernhard/signal-cli-rest-api {@code src/api/api.go} for the 429 text.
 */
final class SignalCliErrors {

    /** Why a send did not reach one recipient. */
    enum Failure {
        UNREGISTERED, UNTRUSTED, RATE_LIMITED
    }

    /** @param recipient as the request named it */
    record RecipientFailure(String recipient, Failure failure) {
    }

    // what Signal demands before the account may send again, and how long it lets it wait instead
    private static final String PROOF_OPTIONS = "RECAPTCHA";
    private static final int RETRY_AFTER_SECONDS = 86_400;

    private SignalCliErrors() {
    }

    /** A request names a number the server has no account for. */
    static String unknownAccount(ReceiveMode mode, String number) {
        return mode == ReceiveMode.JSON_RPC ? "Specified account does not exist" : "User " + number + " is not registered.\n";
    }

    /**
     * A send that reached none of its recipients.
     *
     * @param timestamp      the send's timestamp, which signal-cli prints even when it failed
     * @param challengeToken the token Signal issued with a rate limit
     */
    static String sendFailed(ReceiveMode mode, List<RecipientFailure> failures, long timestamp, String challengeToken) {
        String summary = summary(failures);
        if (mode == ReceiveMode.JSON_RPC) {
            return summary;
        }
        StringBuilder output = new StringBuilder("Failed to send (some) messages:\n");
        failures.forEach(failure -> output.append(failure.recipient()).append(": ")
                .append(describe(failure, challengeToken)).append('\n'));
        return output.append(timestamp).append('\n').append(summary).append('\n').toString();
    }

    /**
     * The json-rpc server answers a rate-limited send with 429 and this text; in normal and native
     * mode it has no such answer and passes signal-cli's output on with 400.
     */
    static String rateLimited() {
        return "Failed to send message due to rate limiting. Use the attached challenge tokens to lift the rate limit restrictions"
                + " via the '/v1/accounts/{number}/rate-limit-challenge' endpoint.";
    }

    /** signal-cli's final error: the exception it throws when no recipient was reached. */
    private static String summary(List<RecipientFailure> failures) {
        if (failures.stream().allMatch(failure -> failure.failure() == Failure.UNTRUSTED)) {
            return "Failed to send message due to untrusted identities";
        }
        if (failures.stream().allMatch(failure -> failure.failure() == Failure.RATE_LIMITED)) {
            return "Failed to send message due to rate limiting";
        }
        return "Failed to send message";
    }

    private static String describe(RecipientFailure failure, String challengeToken) {
        String recipient = failure.recipient();
        return switch (failure.failure()) {
            case UNREGISTERED -> "Unregistered user \"" + recipient + "\"";
            case UNTRUSTED -> "Untrusted Identity for \"" + recipient + "\"";
            case RATE_LIMITED -> "CAPTCHA proof required for sending to \"" + recipient + "\", available options \"" + PROOF_OPTIONS
                    + "\" with challenge token \"" + challengeToken + "\", or wait \"" + RETRY_AFTER_SECONDS + "\" seconds.\n"
                    + "To get the captcha token, go to https://signalcaptchas.org/challenge/generate.html\n"
                    + "Check the developer tools (F12) console for a failed redirect to signalcaptcha://\n"
                    + "Everything after signalcaptcha:// is the captcha token.\n"
                    + "Use the following command to submit the captcha token:\n"
                    + "signal-cli submitRateLimitChallenge --challenge CHALLENGE_TOKEN --captcha CAPTCHA_TOKEN";
        };
    }
}
