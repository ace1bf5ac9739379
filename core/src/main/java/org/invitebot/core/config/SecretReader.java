package org.invitebot.core.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a secret given inline ({@code token: ...}) or through its {@code *_file} twin
 * ({@code token_file: /run/secrets/authentik_token}), as Docker and Kubernetes mount secrets.
 * Messages name the key and the file, never what is in it.
 */
final class SecretReader {

    private final Path baseDir;

    SecretReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    private static String fileKey(String key) {
        return key + "_file";
    }

    /** The secret at {@code key} of {@code section}, or empty when neither twin is set. */
    <T> Optional<T> read(ConfigNode section, String key, Form<T> form) {
        ConfigNode inline = section.at(key);
        ConfigNode file = section.at(fileKey(key));
        if (inline.isSet() && file.isSet()) {
            inline.problem("set either " + key + " or " + fileKey(key) + ", not both");
            return Optional.empty();
        }
        if (inline.isSet()) {
            return inline.as(form);
        }
        return file.as(Forms.path(baseDir)).flatMap(path -> readFile(file, path, form));
    }

    /** As {@link #read}, or {@code null} with a problem recorded when neither twin is set. */
    <T> T required(ConfigNode section, String key, Form<T> form) {
        if (!isSet(section, key)) {
            section.at(key).problem("missing; set " + key + " or " + fileKey(key));
            return null;
        }
        return read(section, key, form).orElse(null);
    }

    static boolean isSet(ConfigNode section, String key) {
        return section.at(key).isSet() || section.at(fileKey(key)).isSet();
    }

    private static <T> Optional<T> readFile(ConfigNode file, Path path, Form<T> form) {
        String content;
        try {
            content = Files.readString(path).strip();
        } catch (IOException e) {
            file.problem("cannot read " + path + ": " + reason(e));
            return Optional.empty();
        }
        if (content.isEmpty()) {
            file.problem(path + " is empty");
            return Optional.empty();
        }
        Optional<T> secret = form.read(content);
        if (secret.isEmpty()) {
            file.problem("expected " + path + " to hold " + form.expected());
        }
        return secret;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage();
    }
}
