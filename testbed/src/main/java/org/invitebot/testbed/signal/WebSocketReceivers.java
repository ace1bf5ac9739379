package org.invitebot.testbed.signal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The WebSockets attached to {@code /v1/receive/{number}} in json-rpc mode. The real server hands
 * every envelope signal-cli reports to each socket whose number is the envelope's account, and to
 * nobody when none is attached (API-NOTES §9). Thread-safe.
 */
final class WebSocketReceivers {

    // 1001: the endpoint is going away, as when the server restarts
    private static final int GOING_AWAY = 1001;

    private final String account;
    /** Each open socket, mapped to whether it is for the account. */
    private final Map<WebSocket, Boolean> open = new HashMap<>();

    WebSocketReceivers(String account) {
        this.account = account;
    }

    WebSocketListener listenerFor(String number) {
        boolean forAccount = number.equals(account);
        return new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                attach(webSocket, forAccount);
            }

            // what clients send is read and dropped by the real server too

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                detach(webSocket);
                webSocket.close(code, null);
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                detach(webSocket);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
                detach(webSocket);
            }
        };
    }

    /** @return how many sockets took the envelope; 0 means it is lost */
    synchronized int push(String envelope) {
        int taken = 0;
        for (Map.Entry<WebSocket, Boolean> socket : open.entrySet()) {
            if (socket.getValue() && socket.getKey().send(envelope)) {
                taken++;
            }
        }
        return taken;
    }

    synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.containsValue(true)) {
            long leftMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (leftMillis <= 0) {
                return false;
            }
            wait(leftMillis);
        }
        return true;
    }

    /** Closes every socket from the server's side; from now on they receive nothing. */
    void closeAll() {
        List<WebSocket> closing;
        synchronized (this) {
            closing = List.copyOf(open.keySet());
            open.clear();
        }
        closing.forEach(socket -> socket.close(GOING_AWAY, "going away"));
    }

    private synchronized void attach(WebSocket webSocket, boolean forAccount) {
        open.put(webSocket, forAccount);
        notifyAll();
    }

    private synchronized void detach(WebSocket webSocket) {
        open.remove(webSocket);
    }
}
