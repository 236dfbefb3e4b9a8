package io.qat4j.train.export;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufArray;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.data.Tokenizer;
import io.qat4j.train.model.ModelPresets;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;

/**
 * Writes a trained model as a {@code gemma3} GGUF with F32 tensors that llama.cpp and qat4j load:
 * every hyper-parameter key written explicitly (key/value length, both RoPE bases, the window, the
 * context), the tensor names and orientation of testdata/gemma3-tiny (ne0 = the input dimension; the
 * float data is the torch [out, in] row-major array unchanged), norm weights as the stored gains,
 * no output.weight (tied), and the tokenizer's vocabulary.
 */
public final class GgufExport {
    private static final java.lang.foreign.ValueLayout.OfFloat LE_FLOAT =
            java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private GgufExport() {}

    public static void write(Path dest, String name, Gemma3Config c, float[] params, Tokenizer tokenizer)
            throws IOException {
        if (c.vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("the model has " + c.vocabSize() + " tokens but tokenizer '"
                    + tokenizer.name() + "' has " + tokenizer.vocabSize());
        }
        var w = new GgufWriter();
        String p = Gemma3Config.ARCH + ".";
        w.putString("general.architecture", Gemma3Config.ARCH);
        w.putString("general.name", name);
        w.putUint32("general.file_type", 0); // all F32
        w.putUint32(p + "context_length", c.contextLength());
        w.putUint32(p + "embedding_length", c.embeddingLength());
        w.putUint32(p + "block_count", c.blockCount());
        w.putUint32(p + "feed_forward_length", c.feedForwardLength());
        w.putUint32(p + "attention.head_count", c.headCount());
        w.putUint32(p + "attention.head_count_kv", c.headCountKv());
        w.putUint32(p + "attention.key_length", c.headDim());
        w.putUint32(p + "attention.value_length", c.headDim());
        w.putFloat32(p + "attention.layer_norm_rms_epsilon", c.rmsEps());
        w.putUint32(p + "rope.dimension_count", c.headDim());
        w.putFloat32(p + "rope.freq_base", c.ropeBaseGlobal());
        w.putFloat32(p + "rope.freq_base_swa", c.ropeBaseLocal());
        if (c.ropeScaleGlobal() != 1f) {
            w.putString(p + "rope.scaling.type", "linear");
            w.putFloat32(p + "rope.scaling.factor", 1f / c.ropeScaleGlobal());
        }
        w.putUint32(p + "attention.sliding_window", c.slidingWindow());
        boolean[] standard = Gemma3Config.periodicPattern(c.blockCount(), ModelPresets.SWA_PERIOD, c.slidingWindow());
        if (!Arrays.equals(standard, c.localLayers())) {
            w.putArray(p + "attention.sliding_window_pattern", GgufArray.ofBools(c.localLayers()));
        }
        if (c.finalLogitSoftcap() != 0f) {
            w.putFloat32(p + "final_logit_softcapping", c.finalLogitSoftcap());
        }
        tokenizer.writeGgufVocabulary(w);
        for (ParamTensor t : new ParameterLayout(c).tensors()) {
            w.addTensor(t.name(), GgmlType.F32, t.ggufNe(), () -> {
                MemorySegment seg = MemorySegment.ofArray(new byte[t.size() * 4]);
                MemorySegment.copy(params, t.offset(), seg, LE_FLOAT, 0, t.size());
                return seg;
            });
        }
        w.write(dest);
    }
}
