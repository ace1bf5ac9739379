package org.invitebot.core.config;

/** @param port where {@code /healthz} and {@code /metrics} listen */
public record HttpSettings(int port) {
}
