package io.qat4j.guard.verdict;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.OnFail;
import io.qat4j.guard.Scoring;
import io.qat4j.guard.Severity;

/**
 * The result of checking a text or a request against a guideline.
 *
 * <p>Scoring (weights from the guideline's {@link Scoring}, by default error 20, warning 5,
 * info 0): {@code score = max(0, round(100 − Σ weight(severity)))} over all findings, shown to
 * people; {@code gate_score} is the same over the findings of required rules only, so recommended
 * rules never lower the gate. The text {@code passed} when {@code gate_score ≥ threshold} and no
 * required rule found an error. {@code action} is the most escalated {@code on_fail} among the
 * findings (warn < fix < reask < review < block; null without findings) and {@code blocked} says
 * whether it is block (only required rules can block).
 *
 * @param guideline        the guideline's name
 * @param guidelineVersion its version
 * @param score            0–100 over all findings
 * @param gateScore        0–100 over required rules' findings
 * @param threshold        the guideline's pass threshold
 * @param passed           see above
 * @param blocked          a required rule with on_fail block found something
 * @param action           the most escalated action asked for, or null
 * @param findings         by position (findings without a span last), then rule order
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Verdict(String guideline, String guidelineVersion, int score, int gateScore, int threshold,
        boolean passed, boolean blocked, OnFail action, List<Finding> findings) {

    /** Orders findings for people: by position, findings without a span last; stable otherwise. */
    public static final Comparator<Finding> BY_POSITION = Comparator.comparingInt(
            (Finding f) -> f.span() == null ? Integer.MAX_VALUE : f.span().start());

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Verdict {
        findings = List.copyOf(findings);
    }

    /** Scores {@code findings} (in the order given) against {@code guidelines}. */
    public static Verdict of(Guidelines guidelines, List<Finding> findings) {
        Scoring scoring = guidelines.scoring();
        double all = 0;
        double gate = 0;
        boolean requiredError = false;
        OnFail action = null;
        for (Finding f : findings) {
            double w = scoring.weight(f.severity());
            all += w;
            if (f.isRequired()) {
                gate += w;
                requiredError |= f.severity() == Severity.ERROR;
            }
            if (action == null || f.onFail().compareTo(action) > 0) {
                action = f.onFail();
            }
        }
        int score = toScore(all);
        int gateScore = toScore(gate);
        int threshold = scoring.threshold();
        return new Verdict(guidelines.name(), guidelines.version(), score, gateScore, threshold,
                gateScore >= threshold && !requiredError, action == OnFail.BLOCK, action, findings);
    }

    private static int toScore(double penalty) {
        return (int) Math.max(0, Math.round(100 - penalty));
    }

    public List<Finding> findings(OnFail onFail) {
        return findings.stream().filter(f -> f.onFail() == onFail).toList();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict could not be written as JSON", e);
        }
    }

    public String toPrettyJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict could not be written as JSON", e);
        }
    }

    public static Verdict fromJson(String json) {
        try {
            return JSON.readValue(json, Verdict.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a verdict: " + e.getOriginalMessage(), e);
        }
    }
}
