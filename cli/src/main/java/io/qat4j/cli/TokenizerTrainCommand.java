package io.qat4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.qat4j.train.tokenizer.BpeOptions;
import io.qat4j.train.tokenizer.BpeTrainer;
import io.qat4j.train.tokenizer.BpeVocabulary;
import io.qat4j.train.tokenizer.ReservedTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tokenizer-train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learns a SentencePiece-style BPE vocabulary with byte fallback and writes it as a GGUF",
            "that qat4j (train --tokenizer, tokenize --model) and llama.cpp read.",
            "",
            "The vocabulary holds, in this order (Gemma's layout):",
            "  0-3      <pad> <eos> <bos> <unk>",
            "  4-259    the 256 byte tokens <0x00>..<0xFF>: any character not in the vocabulary is",
            "           written as its UTF-8 bytes, so every text can be tokenized and decoded back",
            "  260-261  <start_of_turn> <end_of_turn> (control tokens of Gemma's chat turns)",
            "  262-     single characters seen at least --min-char-count times, most frequent first,",
            "           then the learned pieces in merge order (spaces written as U+2581 '▁')",
            "",
            "Training cuts the text into words (whitespace joins the word that follows it: ' the',",
            "'\\nGod'), then repeatedly merges the most frequent adjacent pair of symbols until the",
            "vocabulary has --vocab tokens (fewer if the text runs out of pairs). Each piece's score is",
            "minus its merge rank, so tokenizing replays the merges in the order they were learned.",
            "BOS is added to each sequence; no space is put before the text (add_space_prefix false).",
            "",
            "By default only the training split is read (the first 90 %% of the corpus bytes, which",
            "'qat4j train' learns from), so validation and test text stay unseen.",
            "",
            "Examples:",
            "  qat4j tokenizer-train --data kjv.txt --vocab 4096 --out kjv-4k.gguf",
            "  qat4j train --data kjv.txt --preset tiny --tokenizer kjv-4k.gguf --out tiny-4k.gguf",
            "  qat4j tokenize --model kjv-4k.gguf --text 'In the beginning'",
            ""})
final class TokenizerTrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "UTF-8 text: a file or a folder of files (.gz allowed)")
    Path data;

    @Option(names = "--vocab", paramLabel = "N",
            description = "vocabulary size, the " + ReservedTokens.COUNT + " reserved tokens included (default: ${DEFAULT-VALUE})")
    int vocab = BpeOptions.DEFAULT_VOCAB_SIZE;

    @Option(names = "--out", required = true, paramLabel = "TOK.gguf", description = "the vocabulary GGUF to write")
    Path out;

    @Option(names = "--split", paramLabel = "NAME",
            description = "which part of the corpus to learn from: train (first 90 %%), val, test or all (default: ${DEFAULT-VALUE})")
    String split = "train";

    @Option(names = "--min-char-count", paramLabel = "N",
            description = "characters seen fewer times fall back to byte tokens (default: ${DEFAULT-VALUE})")
    int minCharCount = BpeOptions.DEFAULT_MIN_CHAR_COUNT;

    @Option(names = "--max-piece-length", paramLabel = "N",
            description = "longest learned piece, in characters (default: ${DEFAULT-VALUE})")
    int maxPieceLength = BpeOptions.DEFAULT_MAX_PIECE_LENGTH;

    @Override
    public Integer call() throws Exception {
        var options = new BpeOptions(vocab, minCharCount, maxPieceLength);
        long t0 = System.nanoTime();
        BpeVocabulary v;
        try (var bar = new ProgressLine("tokenizer-train", vocab - ReservedTokens.COUNT, " merges")) {
            v = new BpeTrainer(options).train(data, split, (done, target) -> {
                if (done == 1) {
                    bar.max(target); // known once the alphabet is chosen
                }
                bar.step(done);
            });
        }
        v.write(out);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("%d tokens (%d reserved, %d characters, %d merges) from %d distinct words in %.1f s: %s%n",
                v.size(), ReservedTokens.COUNT, v.alphabetSize(), v.merges().size(), v.distinctWords(), seconds, out);
        if (v.size() < vocab) {
            System.err.printf("the text ran out of pairs to merge before %d tokens; the vocabulary has %d%n", vocab, v.size());
        }
        return 0;
    }
}
