package org.invitebot.core.privacy;

/** Shortened forms of personal data for replies and logs, where the full value is not needed. */
public final class Mask {

    private Mask() {
    }

    /** jane@example.com → j***@example.com */
    public static String email(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** +15551234567 → +1555***4567 */
    public static String phone(String number) {
        if (number.length() < 9) {
            return "***";
        }
        return number.substring(0, 5) + "***" + number.substring(number.length() - 4);
    }
}
