package org.invitebot.core.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * The form a scalar value must have: how to read it, and how to describe it to an operator who got
 * it wrong ({@code expected <expected>, got "<value>"}).
 *
 * @param secret the value is never repeated in a message
 */
record Form<T>(String expected, Function<String, Optional<T>> reader, boolean secret) {

    static <T> Form<T> of(String expected, Function<String, Optional<T>> reader) {
        return new Form<>(expected, reader, false);
    }

    Form<T> asSecret() {
        return new Form<>(expected, reader, true);
    }

    <R> Form<R> map(Function<T, R> convert) {
        return new Form<>(expected, text -> reader.apply(text).map(convert), secret);
    }

    Optional<T> read(String text) {
        return reader.apply(text);
    }

    String rejection(String text) {
        return secret ? "expected " + expected : "expected " + expected + ", got \"" + text + "\"";
    }
}
