package io.qat4j.guard;

import java.util.List;

import io.qat4j.guard.verdict.Verdict;

/**
 * When a checked text may skip the human review queue ({@code review:} in a guidelines file).
 * By default nothing is auto-approved: a person approves every text.
 *
 * @param autoApprove whether low-risk texts are approved without a person
 * @param minScore    the score (over all findings, 0–100) a text needs for that; null means the
 *                    guideline's pass threshold
 */
public record ReviewPolicy(Boolean autoApprove, Integer minScore) {

    public static final ReviewPolicy MANUAL = new ReviewPolicy(false, null);

    public ReviewPolicy {
        autoApprove = autoApprove != null && autoApprove;
        if (minScore != null && (minScore < 0 || minScore > 100)) {
            throw new IllegalArgumentException("'min_score' must be between 0 and 100, got " + minScore);
        }
    }

    /**
     * Whether a text with this verdict is approved without a person: auto-approval is on, the
     * verdict passed, its score reaches the minimum, and no finding is an error, blocks, or asks
     * for review (a rule with {@code on_fail: review} always wants a person).
     */
    public boolean approves(Verdict verdict) {
        return reasonsForReview(verdict).isEmpty();
    }

    /** Why {@link #approves} said no, for the audit trail; empty when it said yes. */
    public List<String> reasonsForReview(Verdict verdict) {
        if (!autoApprove) {
            return List.of("the guideline approves nothing automatically");
        }
        var reasons = new java.util.ArrayList<String>();
        if (verdict.blocked()) {
            reasons.add("a blocking rule fired");
        }
        if (!verdict.passed()) {
            reasons.add("the text does not pass the guideline");
        }
        int needed = minScore != null ? minScore : verdict.threshold();
        if (verdict.score() < needed) {
            reasons.add("score " + verdict.score() + " is below " + needed);
        }
        if (verdict.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
            reasons.add("an error was found");
        }
        if (verdict.findings().stream().anyMatch(f -> f.onFail() == OnFail.REVIEW || f.onFail() == OnFail.BLOCK)) {
            reasons.add("a rule asks for review");
        }
        return List.copyOf(reasons);
    }
}
