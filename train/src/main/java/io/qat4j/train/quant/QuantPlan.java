package io.qat4j.train.quant;

import java.util.Locale;

import io.qat4j.core.gguf.GgmlType;

/**
 * Which storage type each tensor of a Gemma 3 model gets: 1-D tensors (the norm gains) stay F32; the
 * token embedding (which is also the tied output projection) gets {@link #embedding()}; every other
 * matrix gets {@link #matrices()}, or F16 when its rows are not whole blocks of that type.
 *
 * @param matrices  the type of the attention and FFN matrices
 * @param embedding the type of {@code token_embd.weight} (and of an untied {@code output.weight})
 */
public record QuantPlan(GgmlType matrices, GgmlType embedding) {
    public static final String EMBEDDING = "token_embd.weight";
    public static final String OUTPUT = "output.weight";

    /**
     * The plan for a target type with the embedding chosen by name ({@code f32|f16|bf16|q8_0|q4_0}),
     * or, when {@code embeddingChoice} is null or {@code auto}, as llama-quantize chooses it.
     */
    public static QuantPlan of(GgmlType target, String embeddingChoice) {
        if (embeddingChoice == null || embeddingChoice.equalsIgnoreCase("auto")) {
            return new QuantPlan(target, defaultEmbedding(target));
        }
        return new QuantPlan(target, parseType(embeddingChoice, "--keep-embedding"));
    }

    /**
     * llama-quantize's choice for a tied token embedding: Q6_K for a Q4_0 model whose rows are whole
     * 256-blocks, else Q8_0. qat4j cannot write Q6_K, so it keeps Q8_0 there too (a little larger,
     * a little more accurate); with rows like Gemma 3 1B's 1152 or the tiny presets' 128 the choice
     * is llama-quantize's exactly. Float and Q8_0 targets keep the embedding in their own type.
     */
    public static GgmlType defaultEmbedding(GgmlType target) {
        return target == GgmlType.Q4_0 ? GgmlType.Q8_0 : target;
    }

    /** The type of a tensor given its name and GGUF dimensions (ne0 first). */
    public GgmlType typeOf(String name, long[] ne) {
        if (ne.length == 1) {
            return GgmlType.F32;
        }
        GgmlType t = name.equals(EMBEDDING) || name.equals(OUTPUT) ? embedding : matrices;
        return ne[0] % t.blockSize() == 0 ? t : GgmlType.F16;
    }

    /** {@code f32|f16|bf16|q8_0|q4_0} as a type; the error names the option. */
    public static GgmlType parseType(String name, String option) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "f32" -> GgmlType.F32;
            case "f16" -> GgmlType.F16;
            case "bf16" -> GgmlType.BF16;
            case "q8_0" -> GgmlType.Q8_0;
            case "q4_0" -> GgmlType.Q4_0;
            default -> throw new IllegalArgumentException(option + " '" + name + "' is not one of f32, f16, bf16, q8_0, q4_0");
        };
    }
}
