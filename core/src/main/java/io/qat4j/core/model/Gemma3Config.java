package io.qat4j.core.model;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufMetadata;

/**
 * The hyper-parameters of a Gemma 3 text model, as llama.cpp reads them from GGUF metadata (prefix
 * {@code gemma3.}). Defaults follow llama.cpp's loader where keys are optional.
 *
 * @param vocabSize            rows of token_embd
 * @param embeddingLength      d_model
 * @param blockCount           layers
 * @param headCount            query heads
 * @param headCountKv          key/value heads (GQA)
 * @param headDim              key/value length per head (Gemma's head_dim is not d_model/heads)
 * @param feedForwardLength    FFN inner size
 * @param contextLength        trained context
 * @param rmsEps               RMSNorm epsilon
 * @param ropeBaseGlobal       RoPE base of global layers
 * @param ropeBaseLocal        RoPE base of sliding-window layers
 * @param ropeScaleGlobal      linear RoPE frequency scale of global layers (1/factor; 1 = none)
 * @param slidingWindow        window of local layers (0 = none: every layer global)
 * @param localLayers          per layer, true when it uses sliding-window attention
 * @param attentionScale       the factor applied to q before q·k (1/sqrt(head_dim))
 * @param finalLogitSoftcap    0 when absent; else logits = cap·tanh(logits/cap)
 */
public record Gemma3Config(
        int vocabSize,
        int embeddingLength,
        int blockCount,
        int headCount,
        int headCountKv,
        int headDim,
        int feedForwardLength,
        int contextLength,
        float rmsEps,
        float ropeBaseGlobal,
        float ropeBaseLocal,
        float ropeScaleGlobal,
        int slidingWindow,
        boolean[] localLayers,
        float attentionScale,
        float finalLogitSoftcap) {

    public static final String ARCH = "gemma3";

    public Gemma3Config {
        localLayers = localLayers.clone();
        if (localLayers.length != blockCount) {
            throw new IllegalArgumentException("localLayers has " + localLayers.length + " entries for "
                    + blockCount + " layers");
        }
        if (headCount <= 0 || headCountKv <= 0 || headCount % headCountKv != 0) {
            throw new IllegalArgumentException("head count " + headCount + " must be a positive multiple of the KV head count "
                    + headCountKv);
        }
        for (int v : new int[] {vocabSize, embeddingLength, blockCount, headDim, feedForwardLength, contextLength}) {
            if (v <= 0) {
                throw new IllegalArgumentException("model dimensions must be positive: " + v);
            }
        }
    }

    @Override
    public boolean[] localLayers() {
        return localLayers.clone();
    }

    public boolean isLocal(int layer) {
        return localLayers[layer];
    }

    public int qDim() {
        return headCount * headDim;
    }

    public int kvDim() {
        return headCountKv * headDim;
    }

    /** The Gemma 3 default: layer il is local when il % period < period − 1 (5 local, 1 global). */
    public static boolean[] periodicPattern(int layers, int period, int window) {
        boolean[] local = new boolean[layers];
        for (int il = 0; il < layers; il++) {
            local[il] = window > 0 && il % period < period - 1;
        }
        return local;
    }

    /** Reads the config the way llama.cpp does; the error names the file and key at fault. */
    public static Gemma3Config fromGguf(GgufFile file) {
        GgufMetadata md = file.metadata();
        String arch = md.optString("general.architecture").orElse("(none)");
        if (!ARCH.equals(arch)) {
            throw new IllegalArgumentException(file.name() + ": architecture is '" + arch
                    + "'; qat4j runs Gemma 3 models (general.architecture = gemma3)");
        }
        String p = ARCH + ".";
        int nEmbd = md.getInt(p + "embedding_length");
        int nLayer = md.getInt(p + "block_count");
        int nHead = md.getInt(p + "attention.head_count");
        int nHeadKv = md.getInt(p + "attention.head_count_kv", nHead);
        int headDim = md.getInt(p + "attention.key_length", nEmbd / nHead);
        int valueDim = md.getInt(p + "attention.value_length", headDim);
        if (valueDim != headDim) {
            throw new IllegalArgumentException(file.name() + ": key_length " + headDim + " != value_length " + valueDim
                    + " is not supported");
        }
        int ropeDim = md.getInt(p + "rope.dimension_count", headDim);
        if (ropeDim != headDim) {
            throw new IllegalArgumentException(file.name() + ": partial rotary (rope.dimension_count " + ropeDim
                    + " < head dim " + headDim + ") is not supported");
        }
        int nFf = md.getInt(p + "feed_forward_length");
        int ctx = md.getInt(p + "context_length");
        float eps = (float) md.getDouble(p + "attention.layer_norm_rms_epsilon");
        float baseGlobal = md.getFloat(p + "rope.freq_base", 10000f);
        float baseLocal = md.getFloat(p + "rope.freq_base_swa", 10000f);
        float scale = 1f;
        String scalingType = md.optString(p + "rope.scaling.type").orElse("none");
        if (scalingType.equals("linear")) {
            float factor = md.getFloat(p + "rope.scaling.factor", 0f);
            if (factor > 0f) {
                scale = 1f / factor;
            }
        } else if (!scalingType.equals("none")) {
            throw new IllegalArgumentException(file.name() + ": rope scaling '" + scalingType + "' is not supported");
        }
        if (scale == 1f && md.contains(p + "rope.scale_linear")) {
            float factor = md.getFloat(p + "rope.scale_linear", 1f);
            if (factor > 0f) {
                scale = 1f / factor;
            }
        }
        int window = md.getInt(p + "attention.sliding_window", 0);
        boolean[] local;
        var pattern = md.get(p + "attention.sliding_window_pattern");
        if (pattern.isPresent() && pattern.get().value() instanceof io.qat4j.core.gguf.GgufArray arr) {
            local = new boolean[nLayer];
            for (int il = 0; il < nLayer; il++) {
                local[il] = window > 0 && il < arr.length() && arr.longAt(il) != 0;
            }
        } else {
            int period = pattern.isPresent() ? md.getInt(p + "attention.sliding_window_pattern") : 6;
            local = periodicPattern(nLayer, period, window);
        }
        int vocab = Math.toIntExact(file.tensor("token_embd.weight").dim(1));
        float softcap = md.getFloat(p + "final_logit_softcapping", 0f);
        // llama.cpp scales queries by 1/sqrt(n_embd/n_head) only for the 62-layer 27B model.
        float attnScale = nLayer == 62 ? (float) (1.0 / Math.sqrt((float) (nEmbd / nHead)))
                : (float) (1.0 / Math.sqrt(headDim));
        return new Gemma3Config(vocab, nEmbd, nLayer, nHead, nHeadKv, headDim, nFf, ctx, eps, baseGlobal, baseLocal,
                scale, window, local, attnScale, softcap);
    }
}
