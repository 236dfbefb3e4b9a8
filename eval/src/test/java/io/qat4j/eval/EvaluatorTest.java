package io.qat4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.train.data.ByteTokenizer;
import io.qat4j.train.data.Corpus;
import io.qat4j.train.data.CorpusSplit;
import io.qat4j.train.data.Evaluation;
import io.qat4j.train.export.GgufImport;
import io.qat4j.train.ops.FastOps;

/**
 * The evaluator against scores computed here by hand: the engine's logits of each window, a plain
 * double-precision log-softmax, the window rule of testdata/corpus/README.md written out again.
 */
class EvaluatorTest {
    @TempDir
    static Path dir;
    static Path corpus;
    static Path byteModel;
    static Path byteModel2;

    @BeforeAll
    static void models() throws IOException {
        corpus = TinyModels.kjvSlice(dir, 40_000);
        byteModel = TinyModels.trainBytes(dir, corpus, "float", 1, 30);
        byteModel2 = TinyModels.trainBytes(dir, corpus, "other", 2, 12);
    }

    private static EvalOptions options(List<ModelSpec> models, Path reference) {
        return EvalOptions.defaults(corpus, models, reference).withThreads(2).withBench(0, 0, 0);
    }

    private static byte[] testSplit() throws IOException {
        return CorpusSplit.of(Corpus.read(corpus)).test();
    }

    @Test
    void bitsPerByteOfAByteLevelModelEqualsAHandComputedLogSoftmax() throws IOException {
        var r = Evaluator.run(options(List.of(ModelSpec.of(byteModel)), null), EvalProgress.NONE).models().getFirst();
        byte[] text = testSplit();
        int[] tokens = ByteTokenizer.INSTANCE.encode(text);
        var direct = Direct.score(byteModel, null, tokens, ByteTokenizer.BOS, 64);

        assertThat(r.windowTokens()).isEqualTo(64); // the model's context is shorter than 256
        assertThat(r.tokensScored()).isEqualTo(text.length);
        assertThat(r.bytesScored()).isEqualTo(text.length);
        assertThat(r.windows()).isEqualTo((text.length + 63) / 64);
        assertThat(r.nats()).isCloseTo(direct.nats(), within(1e-9 * direct.nats()));
        double bpb = direct.nats() / Math.log(2) / text.length;
        assertThat(r.bitsPerByte()).isCloseTo(bpb, within(1e-12));
        assertThat(r.perplexity()).isCloseTo(Math.exp(direct.nats() / text.length), within(1e-9));
        assertThat(r.bitsPerByte()).as("30 steps of training beat a uniform guess").isLessThan(Math.log(260) / Math.log(2));
        assertThat(r.klVsReference()).isNull();
        assertThat(r.top1Agreement()).isNull();
        assertThat(r.fileBytes()).isEqualTo(Files.size(byteModel));
    }

    @Test
    void bitsPerByteOfASentencePieceModelCountsTheTextBytesNotTheTokens() throws IOException {
        Path model = TinyModels.gemmaTiny("f32");
        var r = Evaluator.run(options(List.of(ModelSpec.of(model)), null), EvalProgress.NONE).models().getFirst();
        byte[] text = testSplit();
        int[] tokens;
        try (var m = Gemma3Model.load(model, 1)) {
            tokens = SentencePieceTokenizer.fromGguf(m.file().metadata())
                    .encode(new String(text, StandardCharsets.UTF_8), false, false);
        }
        var direct = Direct.score(model, null, tokens, 2, 128); // <bos> = 2, context 128

        assertThat(tokens.length).isLessThan(text.length); // word pieces: fewer tokens than bytes
        assertThat(r.tokensScored()).isEqualTo(tokens.length);
        assertThat(r.bytesScored()).isEqualTo(text.length);
        assertThat(r.bitsPerByte()).isCloseTo(direct.nats() / Math.log(2) / text.length, within(1e-9));
    }

    @Test
    void byteLevelBitsPerByteMatchesTheTrainingEnginesEvaluationOfTheSameModel() throws IOException {
        var r = Evaluator.run(options(List.of(ModelSpec.of(byteModel)), null), EvalProgress.NONE).models().getFirst();
        byte[] text = testSplit();
        double trainBpb;
        try (var ops = new FastOps(2)) {
            var model = GgufImport.loadModel(byteModel, 4, 64, ops);
            trainBpb = Evaluation.run(model, ByteTokenizer.INSTANCE.encode(text), ByteTokenizer.INSTANCE, 64, 0)
                    .bitsPerByte();
        }
        assertThat(r.bitsPerByte()).isCloseTo(trainBpb, within(1e-4 * trainBpb));
    }

    @Test
    void klOfAModelAgainstItselfIsZeroAndTop1AgreementIsOne() throws IOException {
        Path copy = dir.resolve("copy-of-float.gguf"); // another path, so the reference runs on its own
        Files.copy(byteModel, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        var result = Evaluator.run(options(List.of(ModelSpec.of(byteModel), ModelSpec.of(copy)), byteModel),
                EvalProgress.NONE);
        for (ModelResult m : result.models()) {
            assertThat(m.klVsReference()).isEqualTo(0.0);
            assertThat(m.top1Agreement()).isEqualTo(1.0);
        }
        assertThat(result.models().get(0).nats()).isEqualTo(result.models().get(1).nats());
    }

    @Test
    void klAndTop1AgainstADifferentModelEqualADirectComputation() throws IOException {
        var r = Evaluator.run(options(List.of(ModelSpec.of(byteModel2)), byteModel), EvalProgress.NONE).models().getFirst();
        int[] tokens = ByteTokenizer.INSTANCE.encode(testSplit());
        var direct = Direct.score(byteModel2, byteModel, tokens, ByteTokenizer.BOS, 64);

        assertThat(r.klVsReference()).isGreaterThan(1e-4);
        assertThat(r.klVsReference()).isCloseTo(direct.kl() / tokens.length, within(1e-9 * r.klVsReference()));
        assertThat(r.top1Agreement()).isEqualTo((double) direct.agreements() / tokens.length);
        assertThat(r.top1Agreement()).isBetween(0.0, 1.0).isNotEqualTo(1.0);
    }

    @Test
    void quantizedGoldenModelsAgainstTheirFloatOriginal() throws IOException {
        Path f32 = TinyModels.gemmaTiny("f32");
        Path q8 = TinyModels.gemmaTiny("q8_0");
        var result = Evaluator.run(options(List.of(ModelSpec.of(f32), ModelSpec.of(q8)), f32), EvalProgress.NONE);
        var q = result.models().get(1);
        byte[] text = testSplit();
        int[] tokens;
        try (var m = Gemma3Model.load(q8, 1)) {
            tokens = SentencePieceTokenizer.fromGguf(m.file().metadata())
                    .encode(new String(text, StandardCharsets.UTF_8), false, false);
        }
        var direct = Direct.score(q8, f32, tokens, 2, 128);
        assertThat(q.weightType()).isEqualTo("Q8_0");
        assertThat(q.embeddingType()).as("token_embd.weight is in every Gemma 3 file").isNotNull();
        assertThat(q.klVsReference()).isCloseTo(direct.kl() / tokens.length, within(1e-9 * q.klVsReference()));
        assertThat(q.top1Agreement()).isEqualTo((double) direct.agreements() / tokens.length);
        assertThat(result.models().get(0).weightType()).isEqualTo("F32");
        assertThat(result.models().get(0).klVsReference()).isEqualTo(0.0);
    }

    @Test
    void evaluatingAWindowInChunksGivesTheSameScores() throws IOException {
        var opts = options(List.of(ModelSpec.of(byteModel2)), byteModel);
        var whole = Evaluator.run(opts, EvalProgress.NONE).models().getFirst();
        var chunked = Evaluator.run(opts, EvalProgress.NONE, 260 * 7).models().getFirst(); // 7 rows at a time
        assertThat(chunked.nats()).isCloseTo(whole.nats(), within(1e-9 * whole.nats()));
        assertThat(chunked.klVsReference()).isCloseTo(whole.klVsReference(), within(1e-9 * whole.klVsReference()));
        assertThat(chunked.top1Agreement()).isEqualTo(whole.top1Agreement());
    }

    @Test
    void maxWindowsScoresOnlyThoseWindowsAndTheirBytes() throws IOException {
        var r = Evaluator.run(options(List.of(ModelSpec.of(byteModel)), null).withMaxWindows(3), EvalProgress.NONE)
                .models().getFirst();
        int[] tokens = ByteTokenizer.INSTANCE.encode(testSplit());
        var direct = Direct.score(byteModel, null, java.util.Arrays.copyOf(tokens, 3 * 64), ByteTokenizer.BOS, 64);
        assertThat(r.windows()).isEqualTo(3);
        assertThat(r.tokensScored()).isEqualTo(3 * 64);
        assertThat(r.bytesScored()).isEqualTo(3 * 64);
        assertThat(r.nats()).isCloseTo(direct.nats(), within(1e-9 * direct.nats()));
    }

    @Test
    void theProgressCountsEveryWindowOnce() throws IOException {
        var seen = new java.util.ArrayList<Long>();
        long[] total = new long[1];
        Evaluator.run(options(List.of(ModelSpec.of(byteModel)), null).withMaxWindows(5), (done, t) -> {
            seen.add(done);
            total[0] = t;
        });
        assertThat(total[0]).isEqualTo(5);
        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void speedIsMeasuredWhenAsked() throws IOException {
        var opts = options(List.of(ModelSpec.of(byteModel)), null).withMaxWindows(1).withBench(16, 4, 1);
        var r = Evaluator.run(opts, EvalProgress.NONE).models().getFirst();
        assertThat(r.prefillTps()).isPositive();
        assertThat(r.decodeTps()).isPositive();
        assertThat(r.scoringTps()).isPositive();
        assertThat(r.memoryBytes()).isGreaterThan(0);
    }

    @Test
    void aModelWithAnotherVocabularyThanTheReferenceIsAClearError() {
        var opts = options(List.of(ModelSpec.of(byteModel), ModelSpec.of(TinyModels.gemmaTiny("f32"))), byteModel);
        assertThatThrownBy(() -> Evaluator.run(opts, EvalProgress.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KL divergence against the reference is undefined")
                .hasMessageContaining("gemma3-tiny-f32.gguf")
                .hasMessageContaining("329 vs 260 tokens");
    }

    @Test
    void modelsWithDifferentVocabulariesAreScoredEachWithItsOwnTokens() throws IOException {
        var result = Evaluator.run(options(List.of(ModelSpec.of(byteModel), ModelSpec.of(TinyModels.gemmaTiny("f32"))),
                null), EvalProgress.NONE);
        byte[] text = testSplit();
        assertThat(result.models()).allSatisfy(m -> assertThat(m.bytesScored()).isEqualTo(text.length));
        assertThat(result.models().get(0).tokensScored()).isEqualTo(text.length);
        assertThat(result.models().get(1).tokensScored()).isLessThan(text.length);
    }

    @Test
    void missingFilesAreNamed() {
        Path missing = dir.resolve("nope.gguf");
        assertThatThrownBy(() -> Evaluator.run(options(List.of(ModelSpec.of(missing)), null), EvalProgress.NONE))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope.gguf");
        assertThatThrownBy(() -> Evaluator.run(options(List.of(ModelSpec.of(byteModel)), missing), EvalProgress.NONE))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope.gguf");
        var noData = new EvalOptions(dir.resolve("no-corpus.txt"), "test", List.of(ModelSpec.of(byteModel)), null, 256, 0,
                1, 0, 0, 0);
        assertThatThrownBy(() -> Evaluator.run(noData, EvalProgress.NONE))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("no-corpus.txt");
    }

    /** Scores computed the plain way: a fresh cache per window, every row's log-softmax in double. */
    record Direct(double nats, double kl, long agreements) {

        static Direct score(Path modelPath, Path referencePath, int[] tokens, int bos, int window) throws IOException {
            try (var model = Gemma3Model.load(modelPath, 1);
                    var ref = referencePath == null ? null : Gemma3Model.load(referencePath, 1)) {
                int v = model.config().vocabSize();
                double nats = 0;
                double kl = 0;
                long agree = 0;
                for (int start = 0; start < tokens.length; start += window) {
                    int len = Math.min(window, tokens.length - start);
                    int[] input = new int[len];
                    input[0] = bos;
                    System.arraycopy(tokens, start, input, 1, len - 1);
                    float[] logits = logits(model, input, len);
                    float[] refLogits = ref == null ? null : logits(ref, input, len);
                    for (int i = 0; i < len; i++) {
                        double[] logP = logSoftmax(logits, i * v, v);
                        nats -= logP[tokens[start + i]];
                        if (ref != null) {
                            double[] logR = logSoftmax(refLogits, i * v, v);
                            int argP = 0;
                            int argR = 0;
                            for (int j = 0; j < v; j++) {
                                kl += Math.exp(logR[j]) * (logR[j] - logP[j]);
                                argP = logP[j] > logP[argP] ? j : argP;
                                argR = logR[j] > logR[argR] ? j : argR;
                            }
                            agree += argP == argR ? 1 : 0;
                        }
                    }
                }
                return new Direct(nats, kl, agree);
            }
        }

        private static float[] logits(Gemma3Model m, int[] input, int len) {
            float[] out = new float[len * m.config().vocabSize()];
            m.forward(m.newState(len, len), input, 0, len, out, true);
            return out;
        }

        private static double[] logSoftmax(float[] row, int off, int n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, row[off + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(row[off + j] - max);
            }
            double log = max + Math.log(sum);
            double[] out = new double[n];
            for (int j = 0; j < n; j++) {
                out[j] = row[off + j] - log;
            }
            return out;
        }
    }
}
