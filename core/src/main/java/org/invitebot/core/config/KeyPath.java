package org.invitebot.core.config;

import java.util.regex.Pattern;

/** Key paths as operators read them: {@code matrix.rooms[0].id}, {@code authentik.delegation["authentik Admins"]}. */
final class KeyPath {

    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    private KeyPath() {
    }

    static String key(String parent, String key) {
        if (!PLAIN_KEY.matcher(key).matches()) {
            return parent + "[\"" + key + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
