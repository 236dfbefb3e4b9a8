package io.qat4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.gguf.GgufReader;
import io.qat4j.train.checkpoint.Checkpoint;

public class TrainerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The log without its timing field, which is the only thing allowed to differ between runs. */
    public static List<String> logWithoutTimings(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            n.remove("tokens_per_s");
            out.add(n.toString());
        }
        return out;
    }

    @Test
    void learnsLogsEvaluatesCheckpointsAndExports() throws IOException {
        Path data = SmallRun.corpus(tmp, 40_000);
        Path out = tmp.resolve("model.gguf");
        Path log = tmp.resolve("log.jsonl");
        List<Double> seen = new ArrayList<>();
        var result = new Trainer(SmallRun.config(data, out, 30).log(log).build())
                .run((step, total, loss, tps) -> seen.add(loss));
        assertThat(result.stopped()).isFalse();
        assertThat(result.steps()).isEqualTo(30);
        assertThat(seen).hasSize(30);
        // from ln(260) ≈ 5.56 down to well under it on this repetitive text
        assertThat(seen.get(0)).isGreaterThan(5.0);
        assertThat(result.lastLoss()).isLessThan(3.5);
        assertThat(result.valBitsPerByte()).isLessThan(5.0).isGreaterThan(0);
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(30);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("step").asInt()).isEqualTo(1);
        assertThat(first.has("loss") && first.has("lr") && first.has("grad_norm") && first.has("tokens_per_s")).isTrue();
        assertThat(first.get("lr").asDouble()).isCloseTo(1e-3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(JSON.readTree(lines.get(5)).has("val_bpb")).isTrue();
        assertThat(JSON.readTree(lines.get(4)).has("val_bpb")).isFalse();
        assertThat(JSON.readTree(lines.get(29)).get("val_loss").asDouble() / Math.log(2))
                .isCloseTo(result.valBitsPerByte(), org.assertj.core.data.Offset.offset(1e-9));
        var ckpt = Checkpoint.load(out.resolveSibling("model.gguf.ckpt"));
        assertThat(ckpt.state().step()).isEqualTo(30);
        assertThat(ckpt.state().tokenizer()).isEqualTo("bytes");
        try (var f = GgufReader.open(out)) {
            assertThat(f.metadata().getInt("gemma3.block_count")).isEqualTo(2);
            var layout = new io.qat4j.train.model.ParameterLayout(SmallRun.model());
            float[] exported = new float[layout.size()];
            io.qat4j.train.export.GgufImport.loadWeights(f, layout, exported);
            ArrayAssert.assertSameBits("exported weights", ckpt.params(), exported);
        }
    }

    @Test
    void stoppedAndResumedRunEqualsAnUninterruptedOneBitForBit() throws IOException {
        Path data = SmallRun.corpus(tmp, 30_000);
        Path outA = tmp.resolve("a.gguf");
        Path logA = tmp.resolve("a.jsonl");
        var a = new Trainer(SmallRun.config(data, outA, 12).log(logA).build()).run(TrainProgress.NONE);

        Path outB = tmp.resolve("b.gguf");
        Path logB = tmp.resolve("b.jsonl");
        var first = new Trainer[1];
        first[0] = new Trainer(SmallRun.config(data, outB, 12).log(logB).build());
        var stopped = first[0].run((step, total, loss, tps) -> {
            if (step == 5) {
                first[0].requestStop();
            }
        });
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.steps()).isEqualTo(5);
        assertThat(Files.exists(outB)).isFalse();
        long[] reportedStart = {-1};
        var b = new Trainer(SmallRun.config(data, outB, 12).log(logB).resume(stopped.checkpoint()).build())
                .run(new TrainProgress() {
                    @Override
                    public void onStart(long firstStep, long total) {
                        reportedStart[0] = firstStep;
                    }

                    @Override
                    public void onStep(long step, long total, double loss, double tokensPerSecond) {}
                });
        assertThat(reportedStart[0]).as("the resumed run reports where it starts (its progress bar starts there)")
                .isEqualTo(5);
        assertThatThrownBy(() -> new Trainer(SmallRun.config(data, outB, 12).resume(b.checkpoint()).build())
                .run(TrainProgress.NONE)).hasMessageContaining("is at step 12 of a run of 12 steps: nothing is left to train");

        assertThat(b.lastLoss()).isEqualTo(a.lastLoss());
        assertThat(b.valBitsPerByte()).isEqualTo(a.valBitsPerByte());
        assertThat(Files.mismatch(outA, outB)).as("exported GGUFs differ").isEqualTo(-1L);
        assertThat(logWithoutTimings(logB)).isEqualTo(logWithoutTimings(logA));
        var ca = Checkpoint.load(a.checkpoint());
        var cb = Checkpoint.load(b.checkpoint());
        ArrayAssert.assertSameBits("adam m", ca.firstMoments(), cb.firstMoments());
        ArrayAssert.assertSameBits("adam v", ca.secondMoments(), cb.secondMoments());
        assertThat(cb.state().samplerState()).isEqualTo(ca.state().samplerState());
    }

    @Test
    void killMinus9OfAForkedRunThenResumeGivesTheSameModel() throws Exception {
        Path data = SmallRun.corpus(tmp, 30_000);
        int steps = 60;
        Path outA = tmp.resolve("a.gguf");
        Path logA = tmp.resolve("a.jsonl");
        new Trainer(SmallRun.config(data, outA, steps).log(logA).build()).run(TrainProgress.NONE);

        Path outB = tmp.resolve("b.gguf");
        Path logB = tmp.resolve("b.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), ForkedTrainingRun.class.getName(), data.toString(),
                outB.toString(), logB.toString(), Integer.toString(steps))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("fork.out").toFile()).start();
        Path ckpt = outB.resolveSibling("b.gguf.ckpt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(ckpt) && Files.exists(logB) && Files.readAllLines(logB).size() >= 14)) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as("the forked run ended before it could be killed: %s",
                Files.exists(tmp.resolve("fork.out")) ? Files.readString(tmp.resolve("fork.out")) : "").isTrue();
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(outB)).isFalse();
        long resumedAt = Checkpoint.load(ckpt).state().step();
        assertThat(resumedAt).isGreaterThan(0).isLessThan(steps);

        var b = new Trainer(SmallRun.config(data, outB, steps).log(logB).resume(ckpt).build()).run(TrainProgress.NONE);
        assertThat(b.steps()).isEqualTo(steps);
        assertThat(Files.mismatch(outA, outB)).as("exported GGUFs differ").isEqualTo(-1L);
        assertThat(logWithoutTimings(logB)).isEqualTo(logWithoutTimings(logA));
    }

    @Test
    void fineTunesFromAnExportedGguf() throws IOException {
        Path data = SmallRun.corpus(tmp, 30_000);
        Path trained = tmp.resolve("trained.gguf");
        var base = new Trainer(SmallRun.config(data, trained, 20).build()).run(TrainProgress.NONE);
        List<Double> fromScratch = new ArrayList<>();
        new Trainer(SmallRun.config(data, tmp.resolve("scratch.gguf"), 1).build())
                .run((step, total, loss, tps) -> fromScratch.add(loss));
        List<Double> fineTuned = new ArrayList<>();
        var tuned = new Trainer(SmallRun.config(data, tmp.resolve("tuned.gguf"), 1).init(trained).build())
                .run((step, total, loss, tps) -> fineTuned.add(loss));
        // the first batch is the same; the initialised model already knows the text
        assertThat(fineTuned.get(0)).isLessThan(fromScratch.get(0) - 1.0);
        assertThat(fineTuned.get(0)).isCloseTo(base.lastLoss(), org.assertj.core.data.Offset.offset(0.5));
        assertThat(tuned.model()).exists();
    }

    @Test
    void trainsWithATrainedVocabularyExportsItAndScoresBitsPerByteOfTheText() throws IOException {
        Path data = SmallRun.corpus(tmp, 40_000);
        Path vocab = SmallRun.vocabulary(data, 400);
        var tok = io.qat4j.train.data.GgufTokenizer.open(vocab);
        Path out = tmp.resolve("bpe.gguf");
        List<Double> losses = new ArrayList<>();
        var result = new Trainer(SmallRun.config(data, out, 20).model(SmallRun.model(tok.vocabSize())).tokenizer(vocab.toString())
                .evalWindows(0).build()).run((step, total, loss, tps) -> losses.add(loss));
        assertThat(losses.get(0)).isCloseTo(Math.log(tok.vocabSize()), org.assertj.core.data.Offset.offset(0.5));
        assertThat(result.lastLoss()).isLessThan(losses.get(0) - 1.0);
        var ckpt = Checkpoint.load(result.checkpoint());
        assertThat(ckpt.state().tokenizer()).isEqualTo(tok.name()).startsWith("vocab-400.gguf#");
        try (var f = GgufReader.open(out)) {
            assertThat(io.qat4j.core.tokenizer.GgufVocabulary.read(f.metadata())).isEqualTo(tok.vocabulary());
        }
        // bits per byte divide by the bytes of the validation text, not by its tokens
        byte[] val = io.qat4j.train.data.CorpusSplit.of(java.nio.file.Files.readAllBytes(data)).val();
        int[] valTokens = tok.encode(val);
        assertThat(valTokens.length).isLessThan(val.length / 2);
        double natsPerToken = result.valLoss();
        assertThat(result.valBitsPerByte())
                .isCloseTo(natsPerToken * valTokens.length / val.length / Math.log(2), org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> new Trainer(SmallRun.config(data, tmp.resolve("x.gguf"), 24).resume(result.checkpoint())
                .build()).run(TrainProgress.NONE)).hasMessageContaining(tok.name()).hasMessageContaining("'bytes'");
    }

    @Test
    void refusesAResumeWithAnotherTokenizerAndBadOptions() throws IOException {
        assertThatThrownBy(() -> SmallRun.config(tmp, tmp.resolve("x.gguf"), 0).build())
                .hasMessageContaining("steps");
        assertThatThrownBy(() -> Trainer.tokenizer("gpt2.json")).hasMessageContaining("gpt2.json");
        Path data = SmallRun.corpus(tmp, 5_000);
        assertThatThrownBy(() -> new Trainer(SmallRun.config(data, tmp.resolve("x.gguf"), 2).seqLen(65).build())
                .run(TrainProgress.NONE)).hasMessageContaining("context length");
    }
}
