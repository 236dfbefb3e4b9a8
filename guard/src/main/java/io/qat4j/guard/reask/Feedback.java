package io.qat4j.guard.reask;

import java.util.List;

import io.qat4j.guard.verdict.Finding;

/** The message that tells the model what was wrong with its answer, for a re-ask. */
public final class Feedback {
    private Feedback() {
    }

    public static String forFindings(List<Finding> findings) {
        var sb = new StringBuilder("Your previous answer does not follow our writing guidelines:\n");
        for (Finding f : findings) {
            sb.append("- ");
            if (f.excerpt() != null && f.span() != null) {
                sb.append('"').append(f.excerpt()).append("\": ");
            }
            sb.append(f.message());
            if (f.suggestion() != null) {
                sb.append(". ").append(f.suggestion());
            }
            sb.append(" [").append(f.ruleId()).append("]\n");
        }
        sb.append("Write the answer again so that it follows the guidelines. Reply with the new answer only.");
        return sb.toString();
    }
}
