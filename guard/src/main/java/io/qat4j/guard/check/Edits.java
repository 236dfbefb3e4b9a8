package io.qat4j.guard.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.qat4j.guard.verdict.Edit;

/**
 * Applies edits to a text from its end backwards, so the spans of the edits not yet applied stay
 * valid. An edit that overlaps one already applied is skipped (the later-starting one wins);
 * insertions at the same place keep the order they were given in; an exact duplicate is applied once.
 */
public final class Edits {
    /** The edited text and the edits that were applied (spans relative to the input text). */
    public record Result(String text, List<Edit> applied) {
    }

    private Edits() {
    }

    public static Result apply(String text, List<Edit> edits) {
        var order = new ArrayList<Integer>();
        for (int i = 0; i < edits.size(); i++) {
            Edit e = edits.get(i);
            if (e.end() > text.length()) {
                throw new IllegalArgumentException("edit [" + e.start() + ", " + e.end() + ") is beyond the text's "
                        + text.length() + " chars");
            }
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> edits.get(i).start()).reversed()
                .thenComparing(Comparator.<Integer>comparingInt(i -> edits.get(i).end()).reversed())
                .thenComparing(Comparator.<Integer>reverseOrder()));
        var sb = new StringBuilder(text);
        var applied = new ArrayList<Edit>();
        int limit = text.length();
        for (int i : order) {
            Edit e = edits.get(i);
            if (e.end() > limit || applied.contains(e)) {
                continue;
            }
            sb.replace(e.start(), e.end(), e.replacement());
            applied.add(e);
            limit = e.start();
        }
        return new Result(sb.toString(), applied.reversed());
    }
}
