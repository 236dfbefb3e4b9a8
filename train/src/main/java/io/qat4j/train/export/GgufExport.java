package io.qat4j.train.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufWriter;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.train.data.Tokenizer;
import io.qat4j.train.model.EncodingTransform;
import io.qat4j.train.model.FakeQuantTransform;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;

/**
 * Writes a trained model as a {@code gemma3} GGUF that llama.cpp and qat4j load: the hyper-parameters
 * of {@link Gemma3Metadata}, the tensor names and orientation of testdata/gemma3-tiny (ne0 = the input
 * dimension; the data is the torch [out, in] row-major array), norm weights as the stored gains, no
 * output.weight (tied), and the tokenizer's vocabulary. Each tensor is encoded by its
 * {@link EncodingTransform} — F32 for plain training, the fake quantizer's own codec for QAT — so a
 * quantized export decodes to exactly the weights the training forward pass used.
 */
public final class GgufExport {
    private static final EncodingTransform F32 = new FakeQuantTransform(GgmlType.F32);

    private GgufExport() {}

    /** All tensors F32. */
    public static void write(Path dest, String name, Gemma3Config c, float[] params, Tokenizer tokenizer)
            throws IOException {
        write(dest, name, c, params, tokenizer, t -> F32);
    }

    /** Each tensor in the encoding {@code encodings} gives it. */
    public static void write(Path dest, String name, Gemma3Config c, float[] params, Tokenizer tokenizer,
            Function<ParamTensor, EncodingTransform> encodings) throws IOException {
        if (c.vocabSize() != tokenizer.vocabSize()) {
            throw new IllegalArgumentException("the model has " + c.vocabSize() + " tokens but tokenizer '"
                    + tokenizer.name() + "' has " + tokenizer.vocabSize());
        }
        var layout = new ParameterLayout(c);
        var w = new GgufWriter();
        Gemma3Metadata.write(w, name, c, encodings.apply(layout.tensor("blk.0.attn_q.weight")).type());
        tokenizer.writeGgufVocabulary(w);
        for (ParamTensor t : layout.tensors()) {
            EncodingTransform e = encodings.apply(t);
            w.addTensor(t.name(), e.type(), t.ggufNe(), () -> e.encode(params, t.offset(), t.rows(), t.cols()));
        }
        w.write(dest);
    }
}
