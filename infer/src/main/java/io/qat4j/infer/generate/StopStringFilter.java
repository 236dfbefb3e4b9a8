package io.qat4j.infer.generate;

import java.util.List;

/**
 * Holds back generated text that might be the start of a stop string, and cuts the text at the first
 * stop string that completes: a client never sees a partial or whole stop string.
 */
final class StopStringFilter {
    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    StopStringFilter(List<String> stops) {
        this.stops = stops;
    }

    /** Adds text; returns what can be released now. After a stop string is found, {@link #stopped()} is true. */
    String accept(String text) {
        if (stopped) {
            return "";
        }
        pending.append(text);
        int cut = -1;
        for (String s : stops) {
            int at = pending.indexOf(s);
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            stopped = true;
            String out = pending.substring(0, cut);
            pending.setLength(0);
            return out;
        }
        int hold = 0;
        for (String s : stops) {
            hold = Math.max(hold, suffixPrefixOverlap(pending, s));
        }
        String out = pending.substring(0, pending.length() - hold);
        pending.delete(0, pending.length() - hold);
        return out;
    }

    /** Releases whatever is held back (the generation ended for another reason). */
    String flush() {
        String out = stopped ? "" : pending.toString();
        pending.setLength(0);
        return out;
    }

    boolean stopped() {
        return stopped;
    }

    /** The length of the longest suffix of text that is a proper prefix of stop. */
    private static int suffixPrefixOverlap(CharSequence text, String stop) {
        int max = Math.min(text.length(), stop.length() - 1);
        for (int k = max; k > 0; k--) {
            boolean match = true;
            for (int i = 0; i < k && match; i++) {
                match = text.charAt(text.length() - k + i) == stop.charAt(i);
            }
            if (match) {
                return k;
            }
        }
        return 0;
    }
}
