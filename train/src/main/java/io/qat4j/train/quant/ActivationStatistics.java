package io.qat4j.train.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qat4j.train.model.ActivationObserver;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ParamTensor;

/**
 * The mean square of every input feature of every weight matrix, E[x_j²] over calibration tokens:
 * how much an error in column j of that matrix costs at its output ({@code Σ_j E[x_j²]·(w_j − ŵ_j)²}
 * is the expected squared output error of a row when the features are uncorrelated).
 */
public final class ActivationStatistics {
    private final Map<String, float[]> meanSquares;
    private final long tokens;

    private ActivationStatistics(Map<String, float[]> meanSquares, long tokens) {
        this.meanSquares = meanSquares;
        this.tokens = tokens;
    }

    /** Runs the model over the windows (no gradients) and averages x² per matrix input column. */
    public static ActivationStatistics collect(GemmaModel model, List<int[]> windows) {
        var sums = new LinkedHashMap<String, double[]>();
        ActivationObserver observer = (ParamTensor weight, float[] input, int rows) -> {
            double[] s = sums.computeIfAbsent(weight.name(), k -> new double[weight.cols()]);
            int cols = weight.cols();
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                for (int j = 0; j < cols; j++) {
                    double v = input[o + j];
                    s[j] += v * v;
                }
            }
        };
        long tokens = 0;
        model.setActivationObserver(observer);
        try {
            for (int[] w : windows) {
                model.forward(w, null, 1, w.length);
                tokens += w.length;
            }
        } finally {
            model.setActivationObserver(null);
        }
        var means = new LinkedHashMap<String, float[]>();
        for (var e : sums.entrySet()) {
            float[] m = new float[e.getValue().length];
            for (int j = 0; j < m.length; j++) {
                m[j] = (float) (e.getValue()[j] / tokens);
            }
            means.put(e.getKey(), m);
        }
        return new ActivationStatistics(Collections.unmodifiableMap(means), tokens);
    }

    /** E[x_j²] of the input of the named matrix, or null when calibration never saw it. */
    public float[] meanSquares(String tensor) {
        return meanSquares.get(tensor);
    }

    public long tokens() {
        return tokens;
    }
}
