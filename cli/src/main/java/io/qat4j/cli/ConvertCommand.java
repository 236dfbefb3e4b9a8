package io.qat4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.train.export.HfConverter;
import io.qat4j.train.quant.QuantPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Converts a Hugging Face Gemma 3 text checkpoint to a gemma3 GGUF.",
            "",
            "Reads config.json, the safetensors weights (one file, or shards listed in",
            "model.safetensors.index.json; F32, F16 or BF16) and tokenizer.json (its BPE becomes a",
            "SentencePiece vocabulary scored by merge rank, which tokenizes the same). Tensors are renamed,",
            "norm weights stored as 1 + w, norms kept F32. With --type q4_0 every block that already sits",
            "on a 16-level grid d·(q − 8) (a QAT \"q4_0-unquantized\" checkpoint) keeps that grid instead of",
            "being re-rounded, and the command reports how many blocks were exact.",
            "",
            "Example:",
            "  qat4j convert --hf gemma-3-1b-it --type q8_0 --out gemma-3-1b-it-q8_0.gguf"})
final class ConvertCommand implements Callable<Integer> {
    @Option(names = "--hf", required = true, paramLabel = "DIR", description = "the Hugging Face checkpoint folder")
    Path hf;

    @Option(names = "--out", required = true, paramLabel = "M.gguf", description = "the GGUF to write")
    Path out;

    @Option(names = "--type", paramLabel = "f32|f16|bf16|q8_0|q4_0", description = "type of the weight matrices (default: bf16)")
    String type = "bf16";

    @Option(names = "--keep-embedding", paramLabel = "TYPE",
            description = "the embedding's type: auto (the matrices' type; Q8_0 for q4_0), f32, f16, bf16, q8_0, q4_0 (default: ${DEFAULT-VALUE})")
    String keepEmbedding = "auto";

    @Option(names = "--vocab-from", paramLabel = "M.gguf", description = "take the vocabulary from this GGUF instead of tokenizer.json")
    Path vocabFrom;

    @Option(names = "--name", paramLabel = "NAME", description = "general.name (default: the folder's name)")
    String name;

    @Override
    public Integer call() throws Exception {
        GgmlType target = QuantPlan.parseType(type, "--type");
        var r = HfConverter.convert(hf, out, new HfConverter.Options(target, keepEmbedding, vocabFrom, name));
        var c = r.config();
        String counts = r.types().values().stream().collect(Collectors.groupingBy(t -> t, java.util.TreeMap::new,
                Collectors.counting())).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        System.err.printf("%s: gemma3, %d layers, d_model %d, %d heads (%d KV), vocab %,d → %s%n", hf, c.blockCount(),
                c.embeddingLength(), c.headCount(), c.headCountKv(), c.vocabSize(), out);
        System.err.printf("tensors: %s; %,d bytes%n", counts, r.fileBytes());
        if (r.vocabulary() != null) {
            var v = r.vocabulary();
            System.err.printf("vocabulary: %,d tokens from tokenizer.json (%d ids beyond the model dropped, %d [PAD] added,"
                    + " %d multi-character pieces no merge makes)%n", v.vocabulary().size(), v.droppedIds(), v.paddedIds(),
                    v.unmergedPieces());
        } else {
            System.err.printf("vocabulary: copied from %s%n", vocabFrom);
        }
        if (r.grid().blocks() > 0) {
            var g = r.grid();
            System.err.printf("Q4_0 grid: %,d of %,d blocks exact, %,d on the grid within the source's rounding, %,d"
                    + " re-derived by round-to-nearest%n", g.exact(), g.blocks(), g.onGrid(), g.rederived());
        }
        return 0;
    }
}
