package org.invitebot.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ServerSocketFactory;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;

/** Starts a stand-in's MockWebServer on a free loopback port. */
public final class LoopbackServer {

    private LoopbackServer() {
    }

    /** @param name what the server stands in for, for the error when it cannot start */
    public static MockWebServer start(Dispatcher dispatcher, String name) {
        MockWebServer server = new MockWebServer();
        server.setServerSocketFactory(new NoDelayServerSockets());
        server.setDispatcher(dispatcher);
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " stand-in", e);
        }
        return server;
    }

    /**
     * Connections that send at once ({@code TCP_NODELAY}), as nginx, Synapse and Authentik's server do.
     * MockWebServer writes a response's head and body separately; with Nagle's algorithm the body would
     * wait for the client's delayed ACK, and every answer would take some 40 ms longer than the
     * stand-in's work.
     */
    private static final class NoDelayServerSockets extends ServerSocketFactory {

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new NoDelayServerSocket();
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return createServerSocket(port, 50, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return createServerSocket(port, backlog, null);
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            ServerSocket socket = new NoDelayServerSocket();
            socket.bind(new InetSocketAddress(address, port), backlog);
            return socket;
        }
    }

    private static final class NoDelayServerSocket extends ServerSocket {

        NoDelayServerSocket() throws IOException {
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = super.accept();
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
