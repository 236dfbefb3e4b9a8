package io.qat4j.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.qat4j.core.io.AtomicFiles;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.infer.InferenceState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "logits", mixinStandardHelpOptions = true,
        description = {"Evaluates token ids and writes every position's logits.",
            "Output: raw little-endian float32, n_tokens × n_vocab, row-major; row i holds the logits",
            "after tokens 0..i. The default evaluates all tokens in one batch; --sequential feeds one",
            "token at a time (the two agree exactly)."})
final class LogitsCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "M.gguf", description = "the model")
    Path model;

    @Option(names = "--tokens", required = true, split = ",", paramLabel = "ID,ID,…",
            description = "comma-separated token ids, e.g. 2,17,300")
    int[] tokens;

    @Option(names = "--out", required = true, paramLabel = "F", description = "where to write the logits")
    Path out;

    @Option(names = "--sequential", description = "evaluate one token at a time instead of one batch")
    boolean sequential;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads (default: all cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("--tokens is empty");
        }
        try (Gemma3Model m = Gemma3Model.load(model, threads)) {
            int vocab = m.config().vocabSize();
            int n = tokens.length;
            if (n > m.config().contextLength()) {
                throw new IllegalArgumentException(n + " tokens exceed the model's context length " + m.config().contextLength());
            }
            float[] logits = new float[Math.multiplyExact(n, vocab)];
            InferenceState s = m.newState(n, sequential ? 1 : n);
            if (sequential) {
                float[] row = new float[vocab];
                for (int i = 0; i < n; i++) {
                    m.forward(s, tokens, i, 1, row, false);
                    System.arraycopy(row, 0, logits, i * vocab, vocab);
                }
            } else {
                m.forward(s, tokens, 0, n, logits, true);
            }
            ByteBuffer buf = ByteBuffer.allocate(logits.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(logits);
            AtomicFiles.write(out, buf.capacity(), ch -> {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            });
            System.err.printf("wrote %d × %d logits to %s%n", n, vocab, out);
        }
        return 0;
    }
}
