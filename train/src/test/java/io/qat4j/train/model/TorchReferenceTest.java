package io.qat4j.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.safetensors.SafetensorsFile;
import io.qat4j.train.ops.FastOps;
import io.qat4j.train.ops.ReferenceOps;
import io.qat4j.train.ops.TrainOps;

/**
 * The whole model against PyTorch (testdata/torch-reference), with the tolerances its README
 * recommends for a float32 implementation. Both the reference kernels and the fast ones are checked.
 */
class TorchReferenceTest {
    static final double LOSS_TOL = 5e-6;
    static final double LOGIT_TOL = 2e-5;
    static final double GRAD_TOL = 1e-5;
    static final double GRAD_NORMWISE_TOL = 5e-5;

    static TrainOps ops(String kind) {
        return kind.equals("reference") ? ReferenceOps.INSTANCE : new FastOps(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "fast"})
    void lossLogitsAndEveryGradientMatchPyTorch(String kind) throws IOException {
        try (TrainOps ops = ops(kind); SafetensorsFile batch = TorchReference.open("batch.safetensors");
                SafetensorsFile grads = TorchReference.open("grads.f64.safetensors")) {
            GemmaModel model = TorchReference.model(ops);
            int[][] io = TorchReference.inputsAndTargets();
            double loss = model.forward(io[0], io[1], TorchReference.BATCH, TorchReference.SEQ);
            assertThat(loss).isCloseTo(batch.doubles("loss")[0], within(LOSS_TOL));
            assertThat(loss).isCloseTo(5.708653992926062, within(LOSS_TOL));
            float[] ref = batch.floats("logits");
            float[] got = model.logitsBuffer();
            double worst = 0;
            for (int i = 0; i < ref.length; i++) {
                worst = Math.max(worst, Math.abs(ref[i] - got[i]));
            }
            assertThat(worst).as("max |Δlogit|").isLessThanOrEqualTo(LOGIT_TOL);

            model.zeroGradients();
            model.backward(1f / (TorchReference.BATCH * TorchReference.SEQ));
            GradientAssert.assertGradientsMatch(model, grads, GRAD_TOL, GRAD_NORMWISE_TOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q4_0", "Q8_0"})
    void fakeQuantizedLossAndGradientsMatchPyTorch(String typeName) throws IOException {
        GgmlType type = GgmlType.valueOf(typeName);
        String prefix = "fakequant_" + typeName.toLowerCase();
        String tensor = "blk.0.ffn_up.weight";
        try (TrainOps ops = new FastOps(2); SafetensorsFile weight = TorchReference.open(prefix + ".weight.safetensors");
                SafetensorsFile grads = TorchReference.open(prefix + ".grads.f32.safetensors")) {
            GemmaModel model = TorchReference.model(ops);
            model.setTransforms(t -> t.name().equals(tensor) ? new FakeQuantTransform(type) : WeightTransform.IDENTITY);
            int[][] io = TorchReference.inputsAndTargets();
            double loss = model.forward(io[0], io[1], TorchReference.BATCH, TorchReference.SEQ);
            assertThat(loss).isCloseTo(weight.doubles("loss")[0], within(LOSS_TOL));

            // The forward weight is bit-for-bit the reference's dequantized tensor.
            ParamTensor t = model.layout().tensor(tensor);
            float[] fq = new float[model.layout().size()];
            model.transform(tensor).forward(model.parameters(), t.offset(), t.rows(), t.cols(), fq);
            float[] expected = weight.floats(tensor);
            for (int i = 0; i < expected.length; i++) {
                assertThat(fq[t.offset() + i]).isEqualTo(expected[i]);
            }
            float[] refLogits = weight.floats("logits");
            for (int i = 0; i < refLogits.length; i++) {
                assertThat((double) model.logitsBuffer()[i]).isCloseTo(refLogits[i], within(LOGIT_TOL));
            }
            model.zeroGradients();
            model.backward(1f / (TorchReference.BATCH * TorchReference.SEQ));
            GradientAssert.assertGradientsMatch(model, grads, GRAD_TOL, GRAD_NORMWISE_TOL);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "fast"})
    void sequenceLogitsMatchTheBatchRowAndLlamaCpp(String kind) throws IOException {
        try (TrainOps ops = ops(kind); SafetensorsFile batch = TorchReference.open("batch.safetensors");
                SafetensorsFile llama = TorchReference.open("llama_cpp_logits_seq0.safetensors")) {
            GemmaModel model = TorchReference.model(ops);
            int[] ids = llama.ints("token_ids");
            float[] logits = model.logits(ids);
            float[] torchRow0 = batch.floats("logits");
            float[] llamaLogits = llama.floats("logits");
            for (int i = 0; i < logits.length; i++) {
                assertThat((double) logits[i]).isCloseTo(torchRow0[i], within(LOGIT_TOL));
                assertThat((double) logits[i]).isCloseTo(llamaLogits[i], within(5e-3));
            }
        }
    }
}
