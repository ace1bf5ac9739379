package org.invitebot.crypto;

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
 * libolm, the C implementation, as a peer: Debian's python3-olm driven by {@code libolm_peer.py}. Without it
 * a test is skipped on a developer's machine and fails on CI, where {@code .ci/run} installs it.
 */
final class LibolmPeer implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private LibolmPeer(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static LibolmPeer start() throws IOException, InterruptedException {
        requireLibolm();
        return new LibolmPeer(new ProcessBuilder(PYTHON, Path.of("src/test/python/libolm_peer.py").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** The one place for the rule: skipped here without libolm, failed on CI. */
    static void requireLibolm() throws IOException, InterruptedException {
        boolean present;
        try {
            Process probe = new ProcessBuilder(PYTHON, "-c", "import olm").redirectErrorStream(true).start();
            present = probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        }
        if (System.getenv("CI") != null) {
            assertThat(present).as("libolm through python3-olm (apt-get install python3-olm)").isTrue();
        }
        assumeTrue(present, "libolm is missing: apt-get install python3-olm");
    }

    JsonNode call(String op, Object... keyValues) throws IOException {
        ObjectNode request = JSON.createObjectNode().put("op", op);
        for (int i = 0; i < keyValues.length; i += 2) {
            request.set((String) keyValues[i], JSON.valueToTree(keyValues[i + 1]));
        }
        in.write(request + "\n");
        in.flush();
        String line = out.readLine();
        assertThat(line).as("libolm peer answered " + op).isNotNull();
        return JSON.readTree(line);
    }

    @Override
    public void close() throws Exception {
        in.close();
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroy();
    }
}
