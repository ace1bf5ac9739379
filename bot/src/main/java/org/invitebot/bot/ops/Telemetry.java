package org.invitebot.bot.ops;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.invitebot.bot.BuildInfo;
import org.invitebot.core.command.Command;
import org.invitebot.core.invite.Outcome;

/**
 * The bot's Prometheus metrics (SPEC §7): commands by name and outcome, invitations by what happened
 * to them, Authentik events handled, upstream calls (see {@link UpstreamMetrics}), how long ago each
 * loop last worked, and the JVM basics.
 */
public final class Telemetry {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Telemetry(Heartbeats heartbeats, Iterable<String> loops) {
        BuildInfo build = BuildInfo.current();
        Gauge.builder("invitebot.build.info", () -> 1).description("The version and commit this bot was built from")
                .tag("version", build.version()).tag("commit", build.commit()).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (String loop : loops) {
            Gauge.builder("invitebot.loop.last.success.age", heartbeats,
                            beats -> beats.age(loop).map(age -> age.toMillis() / 1000.0).orElse(Double.NaN))
                    .description("Seconds since the loop last completed a round; for matrix-sync, the sync lag")
                    .baseUnit("seconds")
                    .tag("loop", loop)
                    .register(registry);
        }
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** What came of a command; {@code command} is empty when it could not be parsed. */
    public void command(String command, Outcome outcome) {
        Counter.builder("invitebot.commands").description("Commands handled, by command and outcome")
                .tag("command", command).tag("outcome", snake(outcome.getClass().getSimpleName()))
                .register(registry).increment();
        if (outcome instanceof Outcome.Created) {
            invitations("created");
        } else if (outcome instanceof Outcome.Reissued reissued) {
            invitations("created");
            if (reissued.revoked()) {
                invitations("revoked");
            }
        } else if (outcome instanceof Outcome.Revoked) {
            invitations("revoked");
        } else if (outcome instanceof Outcome.NotDelivered notDelivered) {
            invitations(notDelivered.revoked() ? "revoked" : "created");
            invitations("not_delivered");
        }
    }

    public void malformedCommand() {
        Counter.builder("invitebot.commands").tag("command", "unknown").tag("outcome", "malformed").register(registry).increment();
    }

    public static String name(Command command) {
        return command.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** @param what created, revoked, expired, enrolled or not_delivered */
    public void invitations(String what) {
        Counter.builder("invitebot.invitations").description("Invitations by what happened to them")
                .tag("event", what).register(registry).increment();
    }

    public void eventsProcessed(int count) {
        Counter.builder("invitebot.authentik.events").description("Authentik events read and handled by the follow-ups")
                .register(registry).increment(count);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
