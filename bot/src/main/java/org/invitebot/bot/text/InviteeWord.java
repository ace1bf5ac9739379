package org.invitebot.bot.text;

import java.util.Optional;

/** The first word of {@code !invite} and {@code !request}: who the invitation is for, an address or a "Quoted Name". */
sealed interface InviteeWord {

    record Invitee(Optional<String> email, Optional<String> name) implements InviteeWord {
    }

    /** A word that is neither, or an address that is not valid. */
    record Problem(String error) implements InviteeWord {
    }

    /** @param command as the sender typed it, {@code !invite}, for the problem's wording */
    static InviteeWord read(Tokenizer.Token word, String command) {
        if (EmailAddress.isMeant(word.text())) {
            EmailAddress.Check check = EmailAddress.check(word.text());
            if (check instanceof EmailAddress.Check.Invalid invalid) {
                return new Problem("\"" + Excerpt.of(word.text()) + "\" is not a valid email address: " + invalid.reason());
            }
            return new Invitee(Optional.of(((EmailAddress.Check.Valid) check).address()), Optional.empty());
        }
        if (word.quoted()) {
            return new Invitee(Optional.empty(), Optional.of(word.text()));
        }
        return new Problem("expected an email address or a \"Quoted Name\" after " + command + ", got " + Excerpt.of(word.text()));
    }
}
