package org.invitebot.bot.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * {@code /healthz} and {@code /metrics} on {@code http.port}, for an orchestrator's health check and
 * for Prometheus. The JDK's own HTTP server: two read-only endpoints need no framework.
 */
public final class OpsServer implements AutoCloseable {

    private final HttpServer server;
    private final Heartbeats heartbeats;
    private final Telemetry telemetry;
    private final ObjectMapper json = new ObjectMapper();

    private OpsServer(HttpServer server, Heartbeats heartbeats, Telemetry telemetry) {
        this.server = server;
        this.heartbeats = heartbeats;
        this.telemetry = telemetry;
    }

    /** @throws UncheckedIOException when the port cannot be bound */
    public static OpsServer start(int port, Heartbeats heartbeats, Telemetry telemetry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
            server.setExecutor(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "http");
                thread.setDaemon(true);
                return thread;
            }));
            OpsServer ops = new OpsServer(server, heartbeats, telemetry);
            server.createContext("/healthz", ops::health);
            server.createContext("/metrics", ops::metrics);
            server.start();
            return ops;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on http.port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** 200 when every loop worked recently; 503 naming the others otherwise. */
    private void health(HttpExchange exchange) throws IOException {
        Map<String, String> problems = heartbeats.problems();
        ObjectNode body = json.createObjectNode().put("status", problems.isEmpty() ? "ok" : "unhealthy");
        if (!problems.isEmpty()) {
            StringBuilder reason = new StringBuilder();
            problems.forEach((loop, why) -> reason.append(reason.isEmpty() ? "" : "; ").append(loop).append(": ").append(why));
            body.put("reason", reason.toString());
        }
        respond(exchange, problems.isEmpty() ? 200 : 503, "application/json", body.toString());
    }

    private void metrics(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", telemetry.scrape());
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
