package org.invitebot.bot.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Separates flags, wherever they stand among the arguments, from the positional words. */
final class Flags {

    sealed interface Result {

        /** @param given each flag given, with its value ("" for a switch) */
        record Separated(List<Tokenizer.Token> positionals, Map<String, String> given) implements Result {

            boolean has(String flag) {
                return given.containsKey(flag);
            }

            Optional<String> value(String flag) {
                return Optional.ofNullable(given.get(flag));
            }
        }

        record Problem(String error) implements Result {
        }
    }

    private Flags() {
    }

    /**
     * @param command the command as typed with its prefix ({@code !help}), for the error about flags it has none of
     */
    static Result separate(List<Tokenizer.Token> tokens, List<Flag> accepted, String command) {
        List<Tokenizer.Token> positionals = new ArrayList<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            Tokenizer.Token token = tokens.get(i);
            if (!Flag.looksLikeFlag(token)) {
                positionals.add(token);
                continue;
            }
            String written = Flag.asTyped(token.text());
            int equals = written.indexOf('=');
            String name = equals < 0 ? written : written.substring(0, equals);
            Optional<Flag> flag = accepted.stream().filter(f -> f.name().equals(name)).findFirst();
            if (flag.isEmpty()) {
                return new Result.Problem(unknown(name, accepted, command));
            }
            if (given.containsKey(name)) {
                return new Result.Problem(name + " given twice; give it once");
            }
            if (!flag.get().takesValue()) {
                if (equals >= 0) {
                    return new Result.Problem(name + " takes no value, got " + Excerpt.of(written));
                }
                given.put(name, "");
                continue;
            }
            String value;
            if (equals >= 0) {
                value = written.substring(equals + 1);
            } else if (i + 1 < tokens.size() && !Flag.looksLikeFlag(tokens.get(i + 1))) {
                i++;
                value = tokens.get(i).text();
            } else {
                return new Result.Problem(flag.get().needs());
            }
            if (value.isBlank()) {
                return new Result.Problem(flag.get().needs());
            }
            if (!flag.get().plausible().test(value)) {
                return new Result.Problem(flag.get().needs() + ", got " + Excerpt.of(value));
            }
            given.put(name, value);
        }
        return new Result.Separated(List.copyOf(positionals), given);
    }

    private static String unknown(String name, List<Flag> accepted, String command) {
        String flag = "unknown flag " + Excerpt.of(name);
        if (accepted.isEmpty()) {
            return flag + "; " + command + " takes no flags";
        }
        return flag + "; expected one of " + accepted.stream().map(Flag::name).collect(Collectors.joining(", "));
    }
}
