package org.invitebot.bot.ops;

/** What the loops report to, for {@code /healthz} and {@code /metrics}. */
public record Ops(Heartbeats heartbeats, Telemetry telemetry) {

    public static final String MATRIX_SYNC = "matrix-sync";
    public static final String AUTHENTIK_EVENTS = "authentik-events";
    public static final String SIGNAL_RECEIVE = "signal-receive";
}
