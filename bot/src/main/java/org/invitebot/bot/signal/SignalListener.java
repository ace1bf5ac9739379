package org.invitebot.bot.signal;

/** Told what arrives on the receive WebSocket. */
public interface SignalListener {

    void onMessage(SignalMessage message);

    /** The socket is gone, by either side or a fault; {@code why} says which. */
    void onClosed(String why);
}
