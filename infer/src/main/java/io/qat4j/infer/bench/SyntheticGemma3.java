package io.qat4j.infer.bench;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.SplittableRandom;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufArray;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.quant.TensorCodec;

/**
 * Writes a Gemma-3-shaped GGUF with random weights from a fixed seed, so anyone can rebuild the exact
 * model a benchmark ran on. Norm weights are 1 + N(0, 0.1), projections N(0, 0.02), embeddings
 * N(0, 0.05). With {@code type = Q4_0} the token embedding is written Q8_0, as llama-quantize does
 * when a row length is not a multiple of 256.
 */
public final class SyntheticGemma3 {

    /** The shape of a synthetic model. */
    public record Shape(String name, int vocab, int embd, int layers, int heads, int kvHeads, int headDim, int ff,
            int context, int window) {}

    /** The width of Gemma 3 1B with 8 layers: what the speed comparison with llama.cpp uses. */
    public static final Shape GEMMA3_1B_SHAPE = new Shape("gemma3-1b-shape", 32768, 1152, 8, 4, 1, 256, 6912, 4096, 512);

    private SyntheticGemma3() {}

    public static Shape shape(String name) {
        return switch (name) {
            case "gemma3-1b-shape" -> GEMMA3_1B_SHAPE;
            case "tiny-shape" -> new Shape("tiny-shape", 4096, 256, 4, 4, 1, 64, 1024, 2048, 128);
            default -> throw new IllegalArgumentException("unknown synthetic shape '" + name
                    + "' (known: gemma3-1b-shape, tiny-shape)");
        };
    }

    /** Writes the model; {@code type} is the format of the projection matrices. */
    public static void write(Shape s, GgmlType type, long seed, Path out) throws IOException {
        if (!TensorCodec.of(type).canQuantize()) {
            throw new IllegalArgumentException("cannot write " + type + " weights (use f32, f16, bf16, q8_0 or q4_0)");
        }
        GgufWriter w = new GgufWriter();
        String p = "gemma3.";
        w.putString("general.architecture", "gemma3");
        w.putString("general.name", s.name() + "-random-seed" + seed);
        w.putUint32(p + "context_length", s.context());
        w.putUint32(p + "embedding_length", s.embd());
        w.putUint32(p + "block_count", s.layers());
        w.putUint32(p + "feed_forward_length", s.ff());
        w.putUint32(p + "attention.head_count", s.heads());
        w.putUint32(p + "attention.head_count_kv", s.kvHeads());
        w.putUint32(p + "attention.key_length", s.headDim());
        w.putUint32(p + "attention.value_length", s.headDim());
        w.putFloat32(p + "attention.layer_norm_rms_epsilon", 1e-6f);
        w.putFloat32(p + "rope.freq_base", 1_000_000f);
        w.putFloat32(p + "rope.freq_base_swa", 10_000f);
        w.putUint32(p + "attention.sliding_window", s.window());
        putVocabulary(w, s.vocab());
        GgmlType embdType = type == GgmlType.Q4_0 ? GgmlType.Q8_0 : type;
        long[] seeds = new SplittableRandom(seed).longs(1 + 13L * s.layers() + 1).toArray();
        int k = 0;
        w.addTensor("token_embd.weight", embdType, new long[] {s.embd(), s.vocab()},
                random(embdType, s.embd() * s.vocab(), 0.05, 0, seeds[k++]));
        for (int il = 0; il < s.layers(); il++) {
            String b = "blk." + il + ".";
            int q = s.heads() * s.headDim();
            int kv = s.kvHeads() * s.headDim();
            w.addTensor(b + "attn_norm.weight", GgmlType.F32, new long[] {s.embd()}, random(GgmlType.F32, s.embd(), 0.1, 1, seeds[k++]));
            w.addTensor(b + "attn_q.weight", type, new long[] {s.embd(), q}, random(type, s.embd() * q, 0.02, 0, seeds[k++]));
            w.addTensor(b + "attn_k.weight", type, new long[] {s.embd(), kv}, random(type, s.embd() * kv, 0.02, 0, seeds[k++]));
            w.addTensor(b + "attn_v.weight", type, new long[] {s.embd(), kv}, random(type, s.embd() * kv, 0.02, 0, seeds[k++]));
            w.addTensor(b + "attn_q_norm.weight", GgmlType.F32, new long[] {s.headDim()}, random(GgmlType.F32, s.headDim(), 0.1, 1, seeds[k++]));
            w.addTensor(b + "attn_k_norm.weight", GgmlType.F32, new long[] {s.headDim()}, random(GgmlType.F32, s.headDim(), 0.1, 1, seeds[k++]));
            w.addTensor(b + "attn_output.weight", type, new long[] {q, s.embd()}, random(type, q * s.embd(), 0.02, 0, seeds[k++]));
            w.addTensor(b + "post_attention_norm.weight", GgmlType.F32, new long[] {s.embd()}, random(GgmlType.F32, s.embd(), 0.1, 1, seeds[k++]));
            w.addTensor(b + "ffn_norm.weight", GgmlType.F32, new long[] {s.embd()}, random(GgmlType.F32, s.embd(), 0.1, 1, seeds[k++]));
            w.addTensor(b + "ffn_gate.weight", type, new long[] {s.embd(), s.ff()}, random(type, s.embd() * s.ff(), 0.02, 0, seeds[k++]));
            w.addTensor(b + "ffn_up.weight", type, new long[] {s.embd(), s.ff()}, random(type, s.embd() * s.ff(), 0.02, 0, seeds[k++]));
            w.addTensor(b + "ffn_down.weight", type, new long[] {s.ff(), s.embd()}, random(type, s.ff() * s.embd(), 0.02, 0, seeds[k++]));
            w.addTensor(b + "post_ffw_norm.weight", GgmlType.F32, new long[] {s.embd()}, random(GgmlType.F32, s.embd(), 0.1, 1, seeds[k++]));
        }
        w.addTensor("output_norm.weight", GgmlType.F32, new long[] {s.embd()}, random(GgmlType.F32, s.embd(), 0.1, 1, seeds[k]));
        w.write(out);
    }

    /** Tensor bytes produced only when the writer reaches the tensor, so the heap holds one at a time. */
    private static GgufWriter.TensorData random(GgmlType type, int n, double std, double mean, long seed) {
        return () -> {
            SplittableRandom r = new SplittableRandom(seed);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (mean + std * r.nextGaussian());
            }
            MemorySegment out = TensorCodec.of(type).quantize(v);
            return out;
        };
    }

    /**
     * A SentencePiece vocabulary llama.cpp accepts: the four Gemma specials, the 256 byte tokens, the
     * chat control tokens, then filler pieces.
     */
    private static void putVocabulary(GgufWriter w, int vocab) {
        String[] tokens = new String[vocab];
        float[] scores = new float[vocab];
        int[] types = new int[vocab];
        String[] specials = {"<pad>", "<eos>", "<bos>", "<unk>"};
        for (int i = 0; i < 4; i++) {
            tokens[i] = specials[i];
            types[i] = i == 3 ? 2 : 3;
        }
        for (int b = 0; b < 256; b++) {
            tokens[4 + b] = String.format("<0x%02X>", b);
            types[4 + b] = 6;
        }
        tokens[260] = "<start_of_turn>";
        types[260] = 3;
        tokens[261] = "<end_of_turn>";
        types[261] = 3;
        for (int i = 262; i < vocab; i++) {
            tokens[i] = "\u2581p" + Integer.toString(i, 36);
            scores[i] = -i;
            types[i] = 1;
        }
        w.putString("tokenizer.ggml.model", "llama");
        w.putString("tokenizer.ggml.pre", "default");
        w.putArray("tokenizer.ggml.tokens", GgufArray.ofStrings(tokens));
        w.putArray("tokenizer.ggml.scores", GgufArray.ofFloats(scores));
        w.putArray("tokenizer.ggml.token_type", GgufArray.ofInt32(types));
        w.putUint32("tokenizer.ggml.bos_token_id", 2);
        w.putUint32("tokenizer.ggml.eos_token_id", 1);
        w.putUint32("tokenizer.ggml.unknown_token_id", 3);
        w.putUint32("tokenizer.ggml.padding_token_id", 0);
        w.putBool("tokenizer.ggml.add_bos_token", true);
        w.putBool("tokenizer.ggml.add_eos_token", false);
        w.putBool("tokenizer.ggml.add_space_prefix", false);
    }
}
