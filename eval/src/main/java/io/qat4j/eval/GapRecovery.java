package io.qat4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fraction of the RTN gap a quantized model recovers:
 * {@code 1 − (bpb_x − bpb_control) / (bpb_rtn − bpb_float)}.
 *
 * <p>float is the first model with role {@link ModelRole#FLOAT}; control the first {@link ModelRole#CONTROL}
 * (the float model fine-tuned for the same steps as QAT, without quantization, because extra steps alone
 * lower the loss), or the float model when there is none; rtn the first {@link ModelRole#RTN} model of
 * x's weight type and embedding type (a Q4_0 model with a Q4_0 embedding against RTN with a Q4_0 embedding,
 * one with a Q8_0 embedding against RTN with a Q8_0 embedding), else the first RTN model of x's weight
 * type. 1 means x is as good as the control, 0 as bad as RTN. Undefined (null) for the float, control
 * and RTN models themselves (RTN is the baseline), without those models, or when RTN is not
 * measurably worse than float (a gap below {@link #MIN_GAP_BPB} turns every small difference into
 * hundreds of percent).
 */
public final class GapRecovery {
    /** The smallest RTN gap, in bits per byte, the fraction is measured against. */
    public static final double MIN_GAP_BPB = 1e-3;

    private static final Set<String> FLOAT_TYPES = Set.of("F32", "F16", "BF16");

    private GapRecovery() {}

    public static List<ModelResult> apply(List<ModelResult> models) {
        ModelResult floatModel = first(models, ModelRole.FLOAT, null);
        ModelResult control = first(models, ModelRole.CONTROL, null);
        if (control == null) {
            control = floatModel;
        }
        var out = new ArrayList<ModelResult>(models.size());
        for (ModelResult x : models) {
            out.add(x.withRtnGapRecovered(fraction(x, floatModel, control, rtnFor(models, x))));
        }
        return out;
    }

    /** The formula itself. */
    public static double fraction(double bpbX, double bpbControl, double bpbRtn, double bpbFloat) {
        return 1 - (bpbX - bpbControl) / (bpbRtn - bpbFloat);
    }

    private static Double fraction(ModelResult x, ModelResult floatModel, ModelResult control, ModelResult rtn) {
        if (floatModel == null || rtn == null || x.role() == ModelRole.FLOAT || x.role() == ModelRole.CONTROL
                || x.role() == ModelRole.RTN
                || FLOAT_TYPES.contains(x.weightType())) {
            return null;
        }
        double gap = rtn.bitsPerByte() - floatModel.bitsPerByte();
        if (!(gap >= MIN_GAP_BPB)) {
            return null;
        }
        return fraction(x.bitsPerByte(), control.bitsPerByte(), rtn.bitsPerByte(), floatModel.bitsPerByte());
    }

    /**
     * The RTN baseline of {@code x}: the first RTN model with x's weight type and embedding type, else the first
     * with x's weight type, else null.
     */
    public static ModelResult rtnFor(List<ModelResult> models, ModelResult x) {
        for (ModelResult m : models) {
            if (m.role() == ModelRole.RTN && m.weightType().equals(x.weightType())
                    && Objects.equals(m.embeddingType(), x.embeddingType())) {
                return m;
            }
        }
        return first(models, ModelRole.RTN, x.weightType());
    }

    private static ModelResult first(List<ModelResult> models, ModelRole role, String weightType) {
        for (ModelResult m : models) {
            if (m.role() == role && (weightType == null || weightType.equals(m.weightType()))) {
                return m;
            }
        }
        return null;
    }
}
