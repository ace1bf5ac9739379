package org.invitebot.core.policy;

import java.util.function.Function;

/** The answer of a policy: what to do, or why not. A refusal is an expected outcome, not an exception. */
public sealed interface Verdict<T> {

    record Accepted<T>(T value) implements Verdict<T> {
    }

    /** @param reason one line for the admin: what was wrong and what was expected */
    record Refused<T>(String reason) implements Verdict<T> {
    }

    static <T> Verdict<T> accept(T value) {
        return new Accepted<>(value);
    }

    static <T> Verdict<T> refuse(String reason) {
        return new Refused<>(reason);
    }

    /** The next decision, taken only when this one accepted. */
    default <U> Verdict<U> then(Function<T, Verdict<U>> next) {
        if (this instanceof Accepted<T> accepted) {
            return next.apply(accepted.value());
        }
        return refuse(((Refused<T>) this).reason());
    }

    default <U> Verdict<U> map(Function<T, U> f) {
        return then(value -> accept(f.apply(value)));
    }
}
