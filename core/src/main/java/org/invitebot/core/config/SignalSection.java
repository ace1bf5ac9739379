package org.invitebot.core.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.invitebot.core.privacy.Mask;

/** Reads the {@code signal:} section. Phone numbers are personal data: messages show them masked. */
final class SignalSection {

    private static final List<String> KEYS = List.of("enabled", "url", "number", "number_file", "mode", "admins");

    private static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8080");
    private static final Form<Secret> NUMBER = Forms.E164.asSecret().map(Secret::new);

    private SignalSection() {
    }

    static Optional<SignalSettings> read(ConfigNode section, SecretReader secrets) {
        section.allowKeys(KEYS);
        boolean enabled = section.at("enabled").as(Forms.BOOLEAN, false);
        URI url = section.at("url").as(Forms.httpUrl("http://127.0.0.1:8080"), DEFAULT_URL);
        if (section.at("number").isNumber()) {
            section.at("number").problem("expected an E.164 number in quotes, like \"+15550000000\""
                    + " (unquoted, YAML reads it as a number without the +)");
        }
        Optional<Secret> number = secrets.read(section, "number", NUMBER);
        if (enabled && !SecretReader.isSet(section, "number")) {
            section.at("number").problem("missing; set number or number_file (needed when enabled is true)");
        }
        SignalMode mode = section.at("mode").as(Forms.oneOf(SignalMode.class, SignalMode::configValue),
                SignalMode.JSON_RPC);
        Map<String, String> admins = admins(section.at("admins"));
        return section.ifValid(() -> new SignalSettings(enabled, url, number, mode, admins));
    }

    private static Map<String, String> admins(ConfigNode node) {
        Map<String, String> admins = new LinkedHashMap<>();
        node.entries("a map of phone number (+E.164) to Authentik username", Mask::phone)
                .forEach((number, username) -> {
                    if (Forms.E164.read(number).isEmpty()) {
                        username.problem("expected " + Forms.E164.expected() + " as the key");
                    }
                    admins.put(number, username.required(Forms.USERNAME));
                });
        return admins;
    }
}
