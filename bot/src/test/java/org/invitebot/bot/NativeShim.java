package org.invitebot.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Builds a test's LD_PRELOAD library with the machine's C compiler; CI must have one, a developer may not. */
final class NativeShim {

    private NativeShim() {
    }

    static Path build(Path source, Path library) throws Exception {
        boolean onCi = System.getenv("CI") != null;
        boolean linux = System.getProperty("os.name").startsWith("Linux");
        assumeTrue(onCi || linux && hasCompiler(), "needs Linux and gcc (apt-get install gcc) to simulate a power loss");
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-o", library.toString(), source.toString(), "-ldl")
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS) && gcc.exitValue() == 0).as("gcc %s: %s", source, output).isTrue();
        assertThat(library).exists();
        return library.toAbsolutePath();
    }

    private static boolean hasCompiler() {
        try {
            return new ProcessBuilder("gcc", "--version").start().waitFor(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }
}
