package io.qat4j.guard.pii;

/**
 * The IBAN check (ISO 13616, ISO 7064 mod 97-10): move the first four characters to the end,
 * read letters as numbers (A = 10 … Z = 35), and the remainder mod 97 must be 1.
 */
public final class Iban {
    private Iban() {
    }

    /** Whether {@code iban} (upper-case letters and digits, no spaces) has valid check digits. */
    public static boolean valid(CharSequence iban) {
        int n = iban.length();
        if (n < 15 || n > 34 || !isLetter(iban.charAt(0)) || !isLetter(iban.charAt(1))
                || !isDigit(iban.charAt(2)) || !isDigit(iban.charAt(3))) {
            return false;
        }
        int remainder = 0;
        for (int k = 0; k < n; k++) {
            char c = iban.charAt((k + 4) % n);
            if (isDigit(c)) {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (isLetter(c)) {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
