package org.invitebot.core.command;

/** {@code !audit [n]}: the newest {@code count} audit entries, for admins. */
public record Audit(int count) implements Command {

    public static final int DEFAULT_COUNT = 10;
    public static final int MAX_COUNT = 50;

    public Audit {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + MAX_COUNT + ", got " + count);
        }
    }
}
