package io.qat4j.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.qat4j.core.safetensors.SafetensorsFile;

/** Compares every parameter's gradient with a reference file, elementwise and normwise. */
final class GradientAssert {
    private GradientAssert() {}

    /** Returns the worst elementwise absolute difference seen. */
    static double assertGradientsMatch(GemmaModel model, SafetensorsFile ref, double absTol, double normwiseTol) {
        float[] g = model.gradients();
        double worst = 0;
        for (ParamTensor t : model.layout().tensors()) {
            double[] r = ref.doubles(t.name());
            assertThat(r).as(t.name()).hasSize(t.size());
            double maxDiff = 0;
            double maxRef = 0;
            for (int i = 0; i < r.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(g[t.offset() + i] - r[i]));
                maxRef = Math.max(maxRef, Math.abs(r[i]));
            }
            assertThat(maxDiff).as("max |Δgrad| of %s", t.name()).isLessThanOrEqualTo(absTol);
            assertThat(maxDiff / maxRef).as("normwise error of %s", t.name()).isLessThanOrEqualTo(normwiseTol);
            worst = Math.max(worst, maxDiff);
        }
        return worst;
    }
}
