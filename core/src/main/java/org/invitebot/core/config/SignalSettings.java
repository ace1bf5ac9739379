package org.invitebot.core.config;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.invitebot.core.privacy.Mask;

/**
 * The {@code signal:} section. The loader guarantees a number when {@code enabled}.
 *
 * @param url    the signal-cli-rest-api base, without a trailing slash
 * @param number the bot's registered number (E.164)
 * @param admins admin phone number (E.164) → Authentik username, for commands over Signal
 */
public record SignalSettings(
        boolean enabled,
        URI url,
        Optional<Secret> number,
        SignalMode mode,
        Map<String, String> admins) {

    public SignalSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(mode, "mode");
        admins = Collections.unmodifiableMap(new LinkedHashMap<>(admins));
    }

    /** Admin phone numbers are personal data: logged configs show them masked. */
    @Override
    public String toString() {
        String maskedAdmins = admins.entrySet().stream()
                .map(admin -> Mask.phone(admin.getKey()) + "=" + admin.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        return "SignalSettings[enabled=" + enabled + ", url=" + url + ", number=" + number + ", mode=" + mode
                + ", admins=" + maskedAdmins + "]";
    }
}
