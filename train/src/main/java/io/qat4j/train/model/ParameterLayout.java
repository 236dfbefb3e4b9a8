package io.qat4j.train.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qat4j.core.model.Gemma3Config;

/**
 * Where every Gemma 3 parameter lives in one flat float array, in the GGUF / torch-reference order:
 * {@code token_embd}, then per block attn_norm, attn_q, attn_k, attn_v, attn_q_norm, attn_k_norm,
 * attn_output, post_attention_norm, ffn_norm, ffn_gate, ffn_up, ffn_down, post_ffw_norm, then
 * {@code output_norm}. Parameters, gradients, forward weights and optimiser moments all share it.
 */
public final class ParameterLayout {
    private final List<ParamTensor> tensors;
    private final Map<String, ParamTensor> byName;
    private final Map<Integer, ParamTensor> byOffset;
    private final ParamTensor tokenEmbedding;
    private final ParamTensor outputNorm;
    private final LayerParams[] layers;
    private final int size;

    public ParameterLayout(Gemma3Config c) {
        var list = new ArrayList<ParamTensor>();
        int d = c.embeddingLength();
        int[] at = {0};
        java.util.function.BiFunction<String, int[], ParamTensor> add = (name, shape) -> {
            var t = new ParamTensor(name, at[0], shape[0], shape[1]);
            at[0] = Math.addExact(at[0], Math.multiplyExact(shape[0], shape[1]));
            list.add(t);
            return t;
        };
        tokenEmbedding = add.apply("token_embd.weight", new int[] {c.vocabSize(), d});
        layers = new LayerParams[c.blockCount()];
        for (int l = 0; l < c.blockCount(); l++) {
            String p = "blk." + l + ".";
            int hd = c.headDim();
            layers[l] = new LayerParams(
                    add.apply(p + "attn_norm.weight", new int[] {1, d}).offset(),
                    add.apply(p + "attn_q.weight", new int[] {c.qDim(), d}).offset(),
                    add.apply(p + "attn_k.weight", new int[] {c.kvDim(), d}).offset(),
                    add.apply(p + "attn_v.weight", new int[] {c.kvDim(), d}).offset(),
                    add.apply(p + "attn_q_norm.weight", new int[] {1, hd}).offset(),
                    add.apply(p + "attn_k_norm.weight", new int[] {1, hd}).offset(),
                    add.apply(p + "attn_output.weight", new int[] {d, c.qDim()}).offset(),
                    add.apply(p + "post_attention_norm.weight", new int[] {1, d}).offset(),
                    add.apply(p + "ffn_norm.weight", new int[] {1, d}).offset(),
                    add.apply(p + "ffn_gate.weight", new int[] {c.feedForwardLength(), d}).offset(),
                    add.apply(p + "ffn_up.weight", new int[] {c.feedForwardLength(), d}).offset(),
                    add.apply(p + "ffn_down.weight", new int[] {d, c.feedForwardLength()}).offset(),
                    add.apply(p + "post_ffw_norm.weight", new int[] {1, d}).offset());
        }
        outputNorm = add.apply("output_norm.weight", new int[] {1, d});
        tensors = Collections.unmodifiableList(list);
        var map = new LinkedHashMap<String, ParamTensor>();
        list.forEach(t -> map.put(t.name(), t));
        byName = Collections.unmodifiableMap(map);
        var offsets = new java.util.HashMap<Integer, ParamTensor>();
        list.forEach(t -> offsets.put(t.offset(), t));
        byOffset = Collections.unmodifiableMap(offsets);
        size = at[0];
    }

    public List<ParamTensor> tensors() {
        return tensors;
    }

    public ParamTensor tensor(String name) {
        ParamTensor t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'");
        }
        return t;
    }

    /** The tensor that starts at {@code offset} of the flat array. */
    public ParamTensor tensorAt(int offset) {
        ParamTensor t = byOffset.get(offset);
        if (t == null) {
            throw new IllegalArgumentException("no parameter starts at offset " + offset);
        }
        return t;
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public ParamTensor tokenEmbedding() {
        return tokenEmbedding;
    }

    public ParamTensor outputNorm() {
        return outputNorm;
    }

    public LayerParams layer(int l) {
        return layers[l];
    }

    /** Total floats. */
    public int size() {
        return size;
    }
}
