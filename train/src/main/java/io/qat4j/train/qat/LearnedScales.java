package io.qat4j.train.qat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qat4j.core.quant.BlockGrid;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.optim.AdamW;
import io.qat4j.train.optim.AdamWConfig;

/**
 * The learned per-block scales of every tensor QAT quantizes with learned scales: one flat array
 * (a {@link ParamTensor} per weight tensor, 1-D so never decayed), their gradients, and their AdamW.
 * Each scale starts at the round-to-nearest scale of its block.
 */
public final class LearnedScales {
    static final String VALUES = "scales";
    static final String FIRST_MOMENTS = "scales.adam_m";
    static final String SECOND_MOMENTS = "scales.adam_v";

    private final Map<String, LearnedScaleTransform> transforms;
    private final Map<String, ParamTensor> weights;
    private final float[] values;
    private final float[] grads;
    private final AdamW adam;

    /** Scales for each weight tensor of {@code grids}, initialised from the master weights. */
    public LearnedScales(Map<ParamTensor, BlockGrid> grids, float[] master, AdamWConfig adamConfig) {
        int size = 0;
        var slots = new ArrayList<ParamTensor>();
        for (ParamTensor t : grids.keySet()) {
            int blocks = t.size() / LearnedScaleTransform.BLOCK;
            slots.add(new ParamTensor(t.name() + ".scale", size, 1, blocks));
            size = Math.addExact(size, blocks);
        }
        values = new float[size];
        grads = new float[size];
        var byName = new LinkedHashMap<String, LearnedScaleTransform>();
        var weightByName = new LinkedHashMap<String, ParamTensor>();
        int i = 0;
        for (var e : grids.entrySet()) {
            ParamTensor t = e.getKey();
            ParamTensor slot = slots.get(i++);
            BlockGrid grid = e.getValue();
            for (int b = 0; b < slot.cols(); b++) {
                values[slot.offset() + b] = grid.nearestScale(master, t.offset() + b * LearnedScaleTransform.BLOCK);
            }
            byName.put(t.name(), new LearnedScaleTransform(grid, values, slot.offset()));
            weightByName.put(t.name(), t);
        }
        transforms = Collections.unmodifiableMap(byName);
        weights = Collections.unmodifiableMap(weightByName);
        adam = new AdamW(slots, size, adamConfig);
    }

    /** The transform of a weight tensor, or null when it has no learned scales. */
    public LearnedScaleTransform transform(String tensor) {
        return transforms.get(tensor);
    }

    /** Number of learned scales. */
    public int size() {
        return values.length;
    }

    public float[] values() {
        return values;
    }

    public float[] gradients() {
        return grads;
    }

    /** Derives every scale's gradient from the forward weights' gradients of a finished step. */
    public void computeGradients(float[] master, float[] weightGrads) {
        for (var e : transforms.entrySet()) {
            ParamTensor t = weights.get(e.getKey());
            e.getValue().scaleGradients(master, weightGrads, t.offset(), t.rows(), t.cols(), grads);
        }
    }

    /** One AdamW step (no decay: scales are 1-D). */
    public void update(double lr) {
        adam.update(values, grads, lr);
    }

    /** The state a checkpoint keeps. */
    public Map<String, float[]> state() {
        return Map.of(VALUES, values, FIRST_MOMENTS, adam.firstMoments(), SECOND_MOMENTS, adam.secondMoments());
    }

    /** Restores {@link #state()} after {@code step} updates. */
    public void restore(Map<String, float[]> state, long step, String source) {
        float[] v = state.get(VALUES);
        float[] m = state.get(FIRST_MOMENTS);
        float[] s = state.get(SECOND_MOMENTS);
        if (v == null || m == null || s == null) {
            throw new IllegalArgumentException(source + ": the checkpoint has no learned scales; it was not made by a"
                    + " --learned-scales run");
        }
        if (v.length != values.length) {
            throw new IllegalArgumentException(source + ": the checkpoint has " + v.length + " learned scales, this run needs "
                    + values.length + " (different --type or embedding choice?)");
        }
        System.arraycopy(v, 0, values, 0, values.length);
        adam.restore(step, m, s);
    }
}
