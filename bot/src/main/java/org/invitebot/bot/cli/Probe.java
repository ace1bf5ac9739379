package org.invitebot.bot.cli;

/**
 * One line of {@code invitebot check}.
 *
 * @param fix what to do about a failure; empty when it passed
 */
record Probe(boolean passed, String what, String fix) {

    static Probe pass(String what) {
        return new Probe(true, what, "");
    }

    static Probe fail(String what, String fix) {
        return new Probe(false, what, fix);
    }

    String line() {
        return (passed ? "PASS  " : "FAIL  ") + what + (fix.isEmpty() ? "" : "\n      fix: " + fix);
    }
}
