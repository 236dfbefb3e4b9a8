package io.qat4j.guard.pii;

/** The Luhn (mod 10) check digit test used by payment card numbers. */
public final class Luhn {
    private Luhn() {
    }

    /** Whether a string of ASCII digits passes the Luhn check. */
    public static boolean valid(CharSequence digits) {
        if (digits.isEmpty()) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
