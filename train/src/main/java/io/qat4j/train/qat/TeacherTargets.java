package io.qat4j.train.qat;

/**
 * The teacher's next-token logits for a batch, as distillation uses them: for each of {@code rows}
 * positions, {@code k} (token id, logit) pairs — every token (k = vocab) or the teacher's top k, the
 * largest logits first (lower ids first on ties).
 */
public record TeacherTargets(int rows, int k, int[] ids, float[] logits) {

    public TeacherTargets {
        if (ids.length < rows * k || logits.length < rows * k) {
            throw new IllegalArgumentException("teacher targets of " + rows + " × " + k + " need that many ids and logits");
        }
    }

    /** The top {@code k} of each row of {@code [rows, vocab]} logits (all of them, in id order, when k ≥ vocab). */
    public static TeacherTargets topK(float[] logits, int rows, int vocab, int k) {
        int kk = Math.min(k, vocab);
        int[] ids = new int[rows * kk];
        float[] values = new float[rows * kk];
        Integer[] order = new Integer[vocab];
        for (int r = 0; r < rows; r++) {
            int o = r * vocab;
            if (kk == vocab) {
                for (int v = 0; v < vocab; v++) {
                    ids[o + v] = v;
                    values[o + v] = logits[o + v];
                }
                continue;
            }
            for (int v = 0; v < vocab; v++) {
                order[v] = v;
            }
            java.util.Arrays.sort(order, (a, b) -> {
                int c = Float.compare(logits[o + b], logits[o + a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            for (int i = 0; i < kk; i++) {
                ids[r * kk + i] = order[i];
                values[r * kk + i] = logits[o + order[i]];
            }
        }
        return new TeacherTargets(rows, kk, ids, values);
    }
}
