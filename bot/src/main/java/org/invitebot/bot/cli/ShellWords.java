package org.invitebot.bot.cli;

import java.util.List;

import org.invitebot.bot.text.EmailAddress;

/**
 * Turns shell arguments back into a chat message, so the shell and chat share one grammar. The shell has
 * already taken its quotes off, so a word with spaces is quoted again, and the invitee of {@code invite}
 * is quoted when it is not an address: {@code invitebot invite Jane 48h} means the name Jane.
 */
final class ShellWords {

    private ShellWords() {
    }

    static String asMessage(String prefix, String command, List<String> arguments) {
        StringBuilder message = new StringBuilder(prefix).append(command);
        boolean inviteeSeen = false;
        for (String argument : arguments) {
            boolean flag = argument.startsWith("-");
            boolean invitee = command.equals("invite") && !inviteeSeen && !flag;
            inviteeSeen |= invitee;
            boolean quote = argument.isEmpty() || argument.chars().anyMatch(Character::isWhitespace)
                    || (invitee && !EmailAddress.isMeant(argument));
            message.append(' ').append(quote ? quoted(argument) : argument);
        }
        return message.toString();
    }

    /** In typographic quotes when the text holds a straight one, which the tokenizer also reads as quotes. */
    private static String quoted(String text) {
        return text.contains("\"") ? "“" + text + "”" : "\"" + text + "\"";
    }
}
