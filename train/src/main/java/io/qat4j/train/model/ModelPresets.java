package io.qat4j.train.model;

import java.util.Locale;

import io.qat4j.core.model.Gemma3Config;

/**
 * The named model shapes of `qat4j train --preset` (DESIGN.md §4): Gemma 3 blocks with 5 local
 * (window 64, RoPE base 10 000) to 1 global (RoPE base 1e6) layer, RMS eps 1e-6, context 256.
 */
public final class ModelPresets {
    public static final float RMS_EPS = 1e-6f;
    public static final float ROPE_BASE_GLOBAL = 1_000_000f;
    public static final float ROPE_BASE_LOCAL = 10_000f;
    public static final int SWA_PERIOD = 6;

    private ModelPresets() {}

    /** {@code tiny}: d_model 128, 6 layers, 4 heads, 2 KV heads, head_dim 32, FFN 512, window 64, context 256. */
    public static Gemma3Config tiny(int vocab) {
        return gemma3(vocab, 128, 6, 4, 2, 32, 512, 64, 256);
    }

    /** {@code small}: d_model 256, 6 layers, 4 heads, 1 KV head, head_dim 64, FFN 1024, window 64, context 256. */
    public static Gemma3Config small(int vocab) {
        return gemma3(vocab, 256, 6, 4, 1, 64, 1024, 64, 256);
    }

    /** A preset by name ({@code tiny} or {@code small}). */
    public static Gemma3Config byName(String name, int vocab) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> tiny(vocab);
            case "small" -> small(vocab);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (known: tiny, small)");
        };
    }

    /** Any Gemma 3 shape with the standard 5:1 local/global pattern. */
    public static Gemma3Config gemma3(int vocab, int dModel, int layers, int heads, int kvHeads, int headDim, int ffn,
            int window, int context) {
        return new Gemma3Config(vocab, dModel, layers, heads, kvHeads, headDim, ffn, context, RMS_EPS, ROPE_BASE_GLOBAL,
                ROPE_BASE_LOCAL, 1f, window, Gemma3Config.periodicPattern(layers, SWA_PERIOD, window),
                (float) (1.0 / Math.sqrt(headDim)), 0f);
    }
}
