package io.qat4j.infer;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.quant.TensorCodec;

/**
 * The tensors of a Gemma 3 GGUF, checked against the config. Matrices stay in the mapping; the small
 * norm vectors are decoded to float arrays once.
 */
public record Gemma3Weights(
        WeightMatrix tokenEmbedding,
        WeightMatrix output,
        float[] outputNorm,
        Layer[] layers) {

    /** One transformer block. */
    public record Layer(
            float[] attnNorm,
            WeightMatrix wq,
            WeightMatrix wk,
            WeightMatrix wv,
            float[] qNorm,
            float[] kNorm,
            WeightMatrix wo,
            float[] postAttentionNorm,
            float[] ffnNorm,
            WeightMatrix gate,
            WeightMatrix up,
            WeightMatrix down,
            float[] postFfwNorm) {}

    public static Gemma3Weights load(GgufFile file, Gemma3Config c) {
        var loader = new Loader(file);
        int d = c.embeddingLength();
        WeightMatrix embd = loader.matrix("token_embd.weight", d, c.vocabSize());
        WeightMatrix output = file.hasTensor("output.weight")
                ? loader.matrix("output.weight", d, c.vocabSize()) : embd;
        Layer[] layers = new Layer[c.blockCount()];
        for (int il = 0; il < layers.length; il++) {
            String p = "blk." + il + ".";
            layers[il] = new Layer(
                    loader.vector(p + "attn_norm.weight", d),
                    loader.matrix(p + "attn_q.weight", d, c.qDim()),
                    loader.matrix(p + "attn_k.weight", d, c.kvDim()),
                    loader.matrix(p + "attn_v.weight", d, c.kvDim()),
                    loader.vector(p + "attn_q_norm.weight", c.headDim()),
                    loader.vector(p + "attn_k_norm.weight", c.headDim()),
                    loader.matrix(p + "attn_output.weight", c.qDim(), d),
                    loader.vector(p + "post_attention_norm.weight", d),
                    loader.vector(p + "ffn_norm.weight", d),
                    loader.matrix(p + "ffn_gate.weight", d, c.feedForwardLength()),
                    loader.matrix(p + "ffn_up.weight", d, c.feedForwardLength()),
                    loader.matrix(p + "ffn_down.weight", c.feedForwardLength(), d),
                    loader.vector(p + "post_ffw_norm.weight", d));
        }
        return new Gemma3Weights(embd, output, loader.vector("output_norm.weight", d), layers);
    }

    /** Bytes of weight data (what a decode step reads at least once). */
    public long byteSize() {
        long n = tokenEmbedding.byteSize() + (output == tokenEmbedding ? 0 : output.byteSize());
        for (Layer l : layers) {
            for (WeightMatrix m : new WeightMatrix[] {l.wq, l.wk, l.wv, l.wo, l.gate, l.up, l.down}) {
                n += m.byteSize();
            }
        }
        return n;
    }

    private record Loader(GgufFile file) {
        WeightMatrix matrix(String name, int cols, int rows) {
            TensorInfo t = file.tensor(name);
            if (t.nDims() != 2 || t.dim(0) != cols || t.dim(1) != rows) {
                throw new IllegalArgumentException(file.name() + ": tensor '" + name + "' has shape "
                        + java.util.Arrays.toString(t.ne()) + ", expected [" + cols + ", " + rows + "]");
            }
            if (!t.type().isSupported()) {
                throw new IllegalArgumentException(file.name() + ": tensor '" + name + "' has type " + t.type()
                        + ", which qat4j cannot run (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K)");
            }
            return WeightMatrix.of(t, file.data(t));
        }

        float[] vector(String name, int n) {
            TensorInfo t = file.tensor(name);
            if (t.elementCount() != n) {
                throw new IllegalArgumentException(file.name() + ": tensor '" + name + "' has "
                        + t.elementCount() + " values, expected " + n);
            }
            if (t.type() != GgmlType.F32 && t.type() != GgmlType.F16 && t.type() != GgmlType.BF16) {
                throw new IllegalArgumentException(file.name() + ": norm tensor '" + name + "' has type "
                        + t.type() + "; expected a float type");
            }
            float[] out = new float[n];
            TensorCodec.of(t.type()).dequantize(file.data(t), 0, out, 0, n);
            return out;
        }
    }
}
