package io.qat4j.train.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.quant.TensorCodec;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;
import io.qat4j.train.ops.TrainOps;

/**
 * Initialises training weights from a gemma3 GGUF (fine-tuning): every tensor is dequantized to float32
 * with the same codecs export and inference use.
 */
public final class GgufImport {
    private GgufImport() {}

    /** The model config a GGUF describes. */
    public static Gemma3Config readConfig(Path gguf) throws IOException {
        try (GgufFile f = GgufReader.open(gguf)) {
            return Gemma3Config.fromGguf(f);
        }
    }

    /**
     * A training model holding a GGUF's weights, for buffers of {@code maxBatch} × {@code maxSeq}
     * tokens; {@code model.logits(ids)} then gives the training forward's logits of one sequence.
     */
    public static GemmaModel loadModel(Path gguf, int maxBatch, int maxSeq, TrainOps ops) throws IOException {
        try (GgufFile f = GgufReader.open(gguf)) {
            var model = new GemmaModel(Gemma3Config.fromGguf(f), maxBatch, maxSeq, ops);
            loadWeights(f, model.layout(), model.parameters());
            return model;
        }
    }

    /** Fills {@code params} (laid out by {@code layout}) from the GGUF's tensors. */
    public static void loadWeights(Path gguf, ParameterLayout layout, float[] params) throws IOException {
        try (GgufFile f = GgufReader.open(gguf)) {
            loadWeights(f, layout, params);
        }
    }

    public static void loadWeights(GgufFile f, ParameterLayout layout, float[] params) {
        if (f.hasTensor("output.weight")) {
            throw new IllegalArgumentException(f.name() + ": has a separate output.weight; training supports only "
                    + "models whose output projection is tied to token_embd.weight");
        }
        for (ParamTensor t : layout.tensors()) {
            TensorInfo info = f.tensor(t.name());
            if (!Arrays.equals(info.ne(), t.ggufNe())) {
                throw new IllegalArgumentException(f.name() + ": tensor '" + t.name() + "' has shape "
                        + Arrays.toString(info.ne()) + ", the model config needs " + Arrays.toString(t.ggufNe()));
            }
            TensorCodec codec;
            try {
                codec = TensorCodec.of(info.type());
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException(f.name() + ": tensor '" + t.name() + "': " + e.getMessage(), e);
            }
            codec.dequantize(f.data(info), 0, params, t.offset(), t.size());
        }
    }
}
