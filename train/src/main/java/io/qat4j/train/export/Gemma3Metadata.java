package io.qat4j.train.export;

import java.util.Arrays;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufArray;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.model.ModelPresets;

/**
 * The {@code general.*} and {@code gemma3.*} keys of a model qat4j writes (training export, QAT export,
 * HF conversion): every hyper-parameter explicitly (key/value length, both RoPE bases, the window,
 * the context), so llama.cpp's defaults never decide anything.
 */
public final class Gemma3Metadata {
    /** ggml's {@code general.quantization_version} of the Q4_0/Q8_0 block layouts. */
    public static final int QUANTIZATION_VERSION = 2;

    private Gemma3Metadata() {}

    public static void write(GgufWriter w, String name, Gemma3Config c, GgmlType mainType) {
        String p = Gemma3Config.ARCH + ".";
        w.putString("general.architecture", Gemma3Config.ARCH);
        w.putString("general.name", name);
        w.putUint32("general.file_type", fileType(mainType));
        if (mainType == GgmlType.Q4_0 || mainType == GgmlType.Q8_0) {
            w.putUint32("general.quantization_version", QUANTIZATION_VERSION);
        }
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
    }

    /**
     * llama.cpp's {@code general.file_type} (its {@code llama_ftype}) for a model whose main weight
     * matrices are of {@code type}: 0 all F32, 1 mostly F16, 2 mostly Q4_0, 7 mostly Q8_0, 32 mostly BF16.
     */
    public static int fileType(GgmlType type) {
        return switch (type) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q8_0 -> 7;
            case BF16 -> 32;
            default -> throw new IllegalArgumentException("no llama.cpp file type for " + type + " models");
        };
    }
}
