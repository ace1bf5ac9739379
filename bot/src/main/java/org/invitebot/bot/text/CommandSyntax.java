package org.invitebot.bot.text;

import java.util.List;

/** The arguments of one command, after its name: {@code !invite} has one, {@code !help} another. */
@FunctionalInterface
interface CommandSyntax {

    ParseResult parse(List<Tokenizer.Token> arguments);
}
