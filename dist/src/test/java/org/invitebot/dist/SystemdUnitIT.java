package org.invitebot.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive's systemd unit: hardened, and accepted by systemd-analyze (CI installs systemd for it, see .ci/run). */
class SystemdUnitIT {

    @TempDir
    static Path unpacked;
    static Release release;
    static String unit;

    @TempDir
    Path dir;

    @BeforeAll
    static void unpack() throws Exception {
        release = Release.unpack(unpacked);
        unit = Files.readString(release.home.resolve("systemd/invitebot.service"));
    }

    @Test
    void theUnitRunsTheBotHardenedWithItsTokensAsCredentials() {
        assertThat(unit).contains(
                "User=invitebot",
                "StateDirectory=invitebot",
                "ProtectSystem=strict",
                "NoNewPrivileges=yes",
                "LoadCredential=authentik_token:/etc/invitebot/authentik_token",
                "LoadCredential=matrix_access_token:/etc/invitebot/matrix_access_token",
                "Restart=on-failure",
                "ExecStartPre=/opt/invitebot/bin/invitebot check --config /etc/invitebot/invitebot.yaml",
                "ExecStart=/opt/invitebot/bin/invitebot run --config /etc/invitebot/invitebot.yaml");
        assertThat(unit).doesNotContainPattern("(?m)^MemoryDenyWriteExecute=yes");
    }

    @Test
    void systemdAnalyzeVerifiesTheUnit() throws Exception {
        Path analyze = systemdAnalyze();
        Path installed = installed();

        Release.Ran ran = Release.run(new ProcessBuilder(analyze.toString(), "verify", installed.toString()), 60);

        assertThat(ran.exit()).as(ran.output()).isZero();
        // verify exits 0 on an unknown key or a bad value and only prints them
        assertThat(ran.output().lines().filter(line -> line.contains("invitebot.service"))).as(ran.output()).isEmpty();
    }

    @Test
    void systemdRatesTheUnitsExposureLow() throws Exception {
        Path analyze = systemdAnalyze();

        Release.Ran ran = Release.run(new ProcessBuilder(analyze.toString(), "security", "--offline=yes", installed().toString()), 60);

        Matcher level = Pattern.compile("Overall exposure level for invitebot.service: (\\d+\\.\\d+)").matcher(ran.output());
        assertThat(level.find()).as(ran.output()).isTrue();
        assertThat(Double.parseDouble(level.group(1))).as("0 is the most locked down, 10 the least").isLessThanOrEqualTo(2.5);
    }

    /** The unit as installed with the release in the unpacked directory instead of /opt/invitebot, which verify checks. */
    private Path installed() throws Exception {
        Path file = dir.resolve("invitebot.service");
        Files.writeString(file, unit.replace("/opt/invitebot/", release.home + "/"));
        return file;
    }

    private static Path systemdAnalyze() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(directory -> Path.of(directory, "systemd-analyze")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && System.getenv("CI") != null) {
            fail("systemd-analyze is missing; CI installs systemd in .ci/run for this test");
        }
        assumeTrue(found.isPresent(), "systemd-analyze is not installed (apt-get install systemd); CI runs this test");
        return found.get();
    }
}
