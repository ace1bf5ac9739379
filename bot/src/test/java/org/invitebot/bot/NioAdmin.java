package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The admin's own E2EE client: matrix-nio on libolm (Debian's python3-matrix-nio), independent of the bot's
 * crypto, logged in on a device of its own and driven by {@code nio_admin.py}. Without it a test is skipped
 * on a developer's machine and fails on CI, where {@code .ci/run} installs it.
 */
final class NioAdmin implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private NioAdmin(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static NioAdmin start(String homeserver, String userId, String deviceId, String accessToken, Path store, Path log)
            throws IOException, InterruptedException {
        boolean present;
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import nio, olm").redirectErrorStream(true).start();
            present = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (System.getenv("CI") != null) {
            assertThat(present).as("matrix-nio on libolm (apt-get install python3-matrix-nio python3-olm)").isTrue();
        }
        assumeTrue(present, "matrix-nio is missing: apt-get install python3-matrix-nio python3-olm");
        NioAdmin admin = new NioAdmin(new ProcessBuilder(PYTHON, Path.of("src/test/python/nio_admin.py").toString(),
                homeserver, userId, deviceId, accessToken, store.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
        JsonNode started = admin.call("start");
        assertThat(started.has("error")).as("nio started: %s", started).isFalse();
        return admin;
    }

    JsonNode call(String op, Object... keyValues) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("op", op);
        for (int i = 0; i < keyValues.length; i += 2) {
            request.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        in.write(request + "\n");
        in.flush();
        String line = out.readLine();
        assertThat(line).as("nio answered " + op).isNotNull();
        return JSON.readTree(line);
    }

    /** Sends an encrypted text message; returns its event ID. */
    String send(String room, String body) throws IOException {
        JsonNode sent = call("send", "room", room, "body", body);
        assertThat(sent.path("event_id").isTextual()).as("nio sent %s: %s", body, sent).isTrue();
        return sent.path("event_id").asText();
    }

    /** The decrypted body of the bot's reply to {@code eventId}, or null. */
    JsonNode replyTo(String room, String eventId, int timeoutSeconds) throws IOException {
        return call("await_reply", "room", room, "event_id", eventId, "timeout", timeoutSeconds);
    }

    @Override
    public void close() throws Exception {
        in.write("{\"op\":\"quit\"}\n");
        in.flush();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
