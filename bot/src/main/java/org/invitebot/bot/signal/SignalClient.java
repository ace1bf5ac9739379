package org.invitebot.bot.signal;

import java.time.Duration;
import java.util.List;

/** The calls invitebot makes to signal-cli-rest-api (API-NOTES §9), for the bot's own number. */
public interface SignalClient {

    /**
     * Sends a plain-text message ({@code text_mode: normal}) to one number.
     *
     * @return the message's timestamp
     * @throws SignalException when the gateway refuses or does not answer
     */
    long send(String recipient, String message);

    /** Whether the number has a Signal account, from {@code GET /v1/search/{number}}. */
    boolean isRegistered(String number);

    /** The numbers registered with the gateway, from {@code GET /v1/accounts}. */
    List<String> accounts();

    /** The gateway's receive mode and version, from {@code GET /v1/about}. */
    SignalAbout about();

    /** Modes {@code normal} and {@code native}: the messages that arrived since the last call, waiting up to {@code wait}. */
    List<SignalMessage> receive(Duration wait);

    /**
     * Mode {@code json-rpc}: opens the receive WebSocket; messages arrive on {@code listener} until it is closed.
     *
     * @return what closes the socket
     */
    AutoCloseable listen(SignalListener listener);
}
