package org.invitebot.bot.text;

/**
 * A message for a chat client: a plain {@code body} and the same text as Matrix HTML. User-typed
 * text only ever enters through {@link Builder#text} or {@link Builder#code}, which escape it.
 */
public record Reply(String body, String html) {

    public static Builder builder() {
        return new Builder();
    }

    public static Reply plain(String text) {
        return builder().text(text).build();
    }

    /** Two replies as one, separated by a line break. */
    public Reply then(Reply next) {
        return new Reply(body + "\n" + next.body, html + "<br>" + next.html);
    }

    /** Two replies as one, separated by a space. */
    public Reply and(Reply next) {
        return new Reply(body + " " + next.body, html + " " + next.html);
    }

    public static final class Builder {
        private final StringBuilder body = new StringBuilder();
        private final StringBuilder html = new StringBuilder();

        private Builder() {
        }

        public Builder text(String text) {
            body.append(text);
            html.append(escape(text).replace("\n", "<br>"));
            return this;
        }

        public Builder bold(String text) {
            body.append(text);
            html.append("<strong>").append(escape(text)).append("</strong>");
            return this;
        }

        /**
         * Names, commands and links shown as code: a link in code is not clickable and gets no URL
         * preview, which matters for a single-use link that dies when first opened (API-NOTES §0.1).
         */
        public Builder code(String text) {
            body.append(text);
            html.append("<code>").append(escape(text)).append("</code>");
            return this;
        }

        public Builder line() {
            body.append('\n');
            html.append("<br>");
            return this;
        }

        public Reply build() {
            return new Reply(body.toString(), html.toString());
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
