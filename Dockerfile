# syntax=docker/dockerfile:1
#
# invitebot container image.
#
#   docker build --build-arg INVITEBOT_COMMIT=$(git rev-parse --short=10 HEAD) -t invitebot .
#   docker run -d --name invitebot \
#     --read-only --tmpfs /tmp:rw,nosuid,nodev,size=64m \
#     -v invitebot-data:/data \
#     -v "$PWD/invitebot.yaml:/config/invitebot.yaml:ro" \
#     -e AUTHENTIK_TOKEN -e MATRIX_ACCESS_TOKEN \
#     invitebot
#
# The configuration is read from /config/invitebot.yaml; in it, set
#   state.path: /data/invitebot.db       (the only place the bot writes)
#   http.port:  8081                     (the HEALTHCHECK below probes this port)
# See docker-compose.example.yml for a complete setup with signal-cli-rest-api and secrets.
#
# Read-only root filesystem: the bot writes only to /data (a volume) and /tmp (a tmpfs). SQLite's
# native library is unpacked at build time into /app/native, so nothing needs to be extracted at
# run time and the /tmp tmpfs may keep Docker's default noexec.
# JVM options can be added without rebuilding through JAVA_TOOL_OPTIONS (e.g. -Xmx96m).

# ---- build: the project's Maven wrapper on a plain JDK (no Maven in the image) ------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src

# The wrapper first: it downloads Maven once, and this layer stays cached until the wrapper changes.
COPY --chmod=0755 mvnw ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp --version

# Then the build. Dependencies are cached across builds in a BuildKit cache mount (a go-offline step
# on the poms alone cannot resolve the project's own modules, which depend on each other).
COPY pom.xml ./
COPY crypto/ crypto/
COPY core/ core/
COPY testbed/ testbed/
COPY bot/ bot/
COPY config/ config/
COPY bench/ bench/
COPY dist/ dist/
# The build context has no .git, so the commit that --version, the startup log line and /metrics name comes
# from a build argument: docker build --build-arg INVITEBOT_COMMIT=$(git rev-parse --short=10 HEAD) .
# The release archive (dist/) is not built: the image needs only the jar, and the archive takes README.md.
ARG INVITEBOT_COMMIT=unknown
RUN --mount=type=cache,target=/root/.m2/repository \
    ./mvnw -B -ntp -DskipTests -Dassembly.skipAssembly=true -Dgit.commit="${INVITEBOT_COMMIT}" package

# Unpack the musl build of sqlite-jdbc's native library for this platform (x86_64 or aarch64), so
# the runtime image loads it from /app/native instead of extracting it into a temp directory.
RUN mkdir -p /out/native \
 && cp bot/target/invitebot.jar /out/invitebot.jar \
 && cd /out/native \
 && jar xf /out/invitebot.jar "org/sqlite/native/Linux-Musl/$(uname -m)/libsqlitejdbc.so" \
 && mv "org/sqlite/native/Linux-Musl/$(uname -m)/libsqlitejdbc.so" . \
 && rm -rf org \
 && test -s libsqlitejdbc.so

# ---- run: a small JRE (Java 17 bytecode runs on 21) --------------------------------------------
# Java 21 does not warn about sqlite-jdbc's native library; for a newer base image, the jar's manifest has
# Enable-Native-Access: ALL-UNNAMED, which java -jar honours.
FROM eclipse-temurin:21-jre-alpine

LABEL org.opencontainers.image.title="invitebot" \
      org.opencontainers.image.description="Chat-ops bot that creates Authentik invitations from Matrix and Signal"

# A fixed, unprivileged uid/gid, so volume ownership and runAsNonRoot policies can rely on it.
RUN addgroup -S -g 10001 invitebot \
 && adduser -S -D -H -u 10001 -G invitebot -h /app -s /sbin/nologin invitebot \
 && mkdir -p /data /config \
 && chown 10001:10001 /data

WORKDIR /app
COPY --from=build --chown=0:0 /out/invitebot.jar /app/invitebot.jar
COPY --from=build --chown=0:0 /out/native/libsqlitejdbc.so /app/native/libsqlitejdbc.so

# The state file (state.path: /data/invitebot.db). A new named volume takes the ownership above;
# for a bind mount, make the host directory writable for uid 10001.
VOLUME ["/data"]

USER 10001:10001

# /healthz and /metrics (http.port in the configuration; change the HEALTHCHECK if you change it).
EXPOSE 8081

# busybox wget exits non-zero on a refused connection and on HTTP 503 (sync loop or event watcher
# stalled), so Docker marks the container unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["wget", "-q", "-O-", "http://127.0.0.1:8081/healthz"]

# -XX:MaxRAMPercentage: heap sized from the container's memory limit, leaving room for metaspace,
#   thread stacks and direct buffers.
# -XX:+UseSerialGC: the smallest collector; right for a heap of this size and one or two CPUs.
# -XX:TieredStopAtLevel=1: the quick compiler only; a bot handling a few commands a day never gets hot
#   enough for the optimising one, which would only cost memory (see docs/adr/0011).
# -XX:+AutoCreateSharedArchive: the first run writes a class-data archive to /data when it stops;
#   later starts map it and reach the first sync sooner (about 1.9 s to 1 s in the benchmark). A new JVM
#   rewrites it.
# -Xlog:cds*=error: writing the archive lists every class it leaves out as a warning (some hundred lines in
#   the log at each stop); errors still show.
# -XX:-UsePerfData: no hsperfdata file in /tmp.
# -XX:+ExitOnOutOfMemoryError: crash and let the restart policy bring up a clean JVM.
# java.io.tmpdir / org.sqlite.tmpdir: the tmpfs; org.sqlite.lib.path: the library unpacked above.
ENTRYPOINT ["java", \
  "-XX:MaxRAMPercentage=60", \
  "-XX:+UseSerialGC", \
  "-XX:TieredStopAtLevel=1", \
  "-XX:+AutoCreateSharedArchive", \
  "-XX:SharedArchiveFile=/data/invitebot.jsa", \
  "-Xlog:cds*=error", \
  "-XX:-UsePerfData", \
  "-XX:+ExitOnOutOfMemoryError", \
  "-Djava.io.tmpdir=/tmp", \
  "-Dorg.sqlite.tmpdir=/tmp", \
  "-Dorg.sqlite.lib.path=/app/native", \
  "-Dorg.sqlite.lib.name=libsqlitejdbc.so", \
  "-jar", "/app/invitebot.jar"]
CMD ["run", "--config", "/config/invitebot.yaml"]
