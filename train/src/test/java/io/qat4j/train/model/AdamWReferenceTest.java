package io.qat4j.train.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.safetensors.SafetensorsFile;
import io.qat4j.train.ops.FastOps;
import io.qat4j.train.optim.AdamW;
import io.qat4j.train.optim.AdamWConfig;

/** One AdamW step against PyTorch's (weights_after_adamw.f32.safetensors). */
class AdamWReferenceTest {

    static AdamWConfig referenceConfig() throws IOException {
        JsonNode a = new ObjectMapper().readTree(TorchReference.file("reference.json").toFile()).get("adamw");
        return new AdamWConfig(a.get("beta1").asDouble(), a.get("beta2").asDouble(), a.get("eps").asDouble(),
                a.get("weight_decay").asDouble());
    }

    @Test
    void decaysExactlyTheTensorsPyTorchDecays() throws IOException {
        JsonNode a = new ObjectMapper().readTree(TorchReference.file("reference.json").toFile()).get("adamw");
        var layout = new ParameterLayout(TorchReference.config());
        Set<String> decayed = new java.util.HashSet<>();
        a.get("decayed").forEach(n -> decayed.add(n.asText()));
        Set<String> notDecayed = new java.util.HashSet<>();
        a.get("not_decayed").forEach(n -> notDecayed.add(n.asText()));
        assertThat(decayed).hasSize(43);
        assertThat(notDecayed).hasSize(37);
        for (ParamTensor t : layout.tensors()) {
            assertThat(t.isMatrix()).as(t.name()).isEqualTo(decayed.contains(t.name()));
            assertThat(!t.isMatrix()).as(t.name()).isEqualTo(notDecayed.contains(t.name()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"grads.f32.safetensors", "grads.f64.safetensors"})
    void adamWOnlyWithTheReferenceGradients(String gradFile) throws IOException {
        var layout = new ParameterLayout(TorchReference.config());
        float[] params = new float[layout.size()];
        float[] grads = new float[layout.size()];
        try (SafetensorsFile init = TorchReference.open("weights_init.f32.safetensors");
                SafetensorsFile g = TorchReference.open(gradFile);
                SafetensorsFile after = TorchReference.open("weights_after_adamw.f32.safetensors")) {
            for (ParamTensor t : layout.tensors()) {
                System.arraycopy(init.floats(t.name()), 0, params, t.offset(), t.size());
                System.arraycopy(g.floats(t.name()), 0, grads, t.offset(), t.size());
            }
            var adam = new AdamW(layout, referenceConfig());
            adam.update(params, grads, 1e-3);
            double worst = 0;
            for (ParamTensor t : layout.tensors()) {
                float[] expected = after.floats(t.name());
                for (int i = 0; i < t.size(); i++) {
                    worst = Math.max(worst, Math.abs(params[t.offset() + i] - expected[i]));
                }
            }
            assertThat(worst).as("max |Δw| after one AdamW step").isLessThanOrEqualTo(1e-6);
            // the moments follow from the gradient: exp_avg = 0.1·g, exp_avg_sq = 0.05·g²
            int i = layout.tensor("blk.3.ffn_up.weight").offset() + 17;
            assertThat((double) adam.firstMoments()[i]).isCloseTo(0.1 * grads[i], org.assertj.core.data.Offset.offset(1e-9));
            assertThat((double) adam.secondMoments()[i]).isCloseTo(0.05 * grads[i] * grads[i],
                    org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void fullStepWithTheEnginesOwnGradients() throws IOException {
        try (FastOps ops = new FastOps(2); SafetensorsFile gref = TorchReference.open("grads.f64.safetensors");
                SafetensorsFile after = TorchReference.open("weights_after_adamw.f32.safetensors")) {
            GemmaModel model = TorchReference.model(ops);
            int[][] io = TorchReference.inputsAndTargets();
            model.zeroGradients();
            model.forward(io[0], io[1], TorchReference.BATCH, TorchReference.SEQ);
            model.backward(1f / (TorchReference.BATCH * TorchReference.SEQ));
            new AdamW(model.layout(), referenceConfig()).update(model.parameters(), model.gradients(), 1e-3);
            double worstMasked = 0;
            double worstAll = 0;
            for (ParamTensor t : model.layout().tensors()) {
                float[] expected = after.floats(t.name());
                double[] g = gref.doubles(t.name());
                for (int i = 0; i < t.size(); i++) {
                    double d = Math.abs(model.parameters()[t.offset() + i] - expected[i]);
                    worstAll = Math.max(worstAll, d);
                    if (Math.abs(g[i]) >= 1e-6) {
                        worstMasked = Math.max(worstMasked, d);
                    }
                }
            }
            assertThat(worstMasked).as("|g_ref| >= 1e-6").isLessThanOrEqualTo(3e-6);
            assertThat(worstAll).as("all elements").isLessThanOrEqualTo(2e-4);
        }
    }
}
