package io.qat4j.guard.workflow;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers: a prefix naming the kind and 16 hex digits (64 random bits). */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String next(String prefix) {
        return prefix + "_" + HexFormat.of().formatHex(randomBytes(8));
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
