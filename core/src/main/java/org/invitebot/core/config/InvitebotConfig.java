package org.invitebot.core.config;

import java.util.Objects;

/** The whole configuration file (SPEC §6), validated; built once at startup by {@link ConfigLoader}. */
public record InvitebotConfig(
        AuthentikSettings authentik,
        InvitationSettings invitations,
        MatrixSettings matrix,
        SignalSettings signal,
        RequestSettings requests,
        StateSettings state,
        HttpSettings http,
        LoggingSettings logging) {

    public InvitebotConfig {
        Objects.requireNonNull(authentik, "authentik");
        Objects.requireNonNull(invitations, "invitations");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(logging, "logging");
    }
}
