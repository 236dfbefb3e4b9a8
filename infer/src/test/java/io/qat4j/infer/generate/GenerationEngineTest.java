package io.qat4j.infer.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.qat4j.core.tokenizer.SentencePieceTokenizer;
import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.infer.Gemma3Model;
import io.qat4j.infer.InferenceState;
import io.qat4j.infer.sampling.Sampler;
import io.qat4j.infer.sampling.SamplerConfig;
import io.qat4j.testkit.TestData;

class GenerationEngineTest {
    static Gemma3Model model;
    static Tokenizer tokenizer;

    @BeforeAll
    static void load() throws Exception {
        Path p = TestData.file("gemma3-tiny/gemma3-tiny-q8_0.gguf");
        model = Gemma3Model.load(p, 2);
        tokenizer = SentencePieceTokenizer.fromGguf(model.file().metadata());
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    /** Greedy decoding written out directly on the model, as the reference. */
    static List<Integer> greedyReference(int[] prompt, int maxTokens) {
        int vocab = model.config().vocabSize();
        InferenceState s = model.newState(128, 16);
        float[] logits = new float[vocab];
        model.forward(s, prompt, 0, prompt.length, logits, false);
        List<Integer> out = new ArrayList<>();
        while (out.size() < maxTokens) {
            int t = Sampler.argmax(logits, vocab);
            if (tokenizer.isEndOfGeneration(t)) {
                break;
            }
            out.add(t);
            if (out.size() == maxTokens) {
                break;
            }
            model.forward(s, new int[] {t}, 0, 1, logits, false);
        }
        return out;
    }

    static int[] prompt(int seed, int length) {
        int[] p = new int[length];
        p[0] = 2;
        for (int i = 1; i < length; i++) {
            p[i] = 4 + (seed * 53 + i * 29) % 320;
        }
        return p;
    }

    /** A logit processor that bans every end-of-generation token, so a generation runs to its limit. */
    static List<io.qat4j.infer.sampling.LogitProcessor> banEndOfGeneration() {
        return List.of((l, v, h, n) -> {
            for (int id = 0; id < v; id++) {
                if (tokenizer.isEndOfGeneration(id)) {
                    l[id] = Float.NEGATIVE_INFINITY;
                }
            }
        });
    }

    /** A sink that takes {@code millis} per token (a slow client), counting {@code started} down at the first. */
    static TokenSink slowSink(CountDownLatch started, long millis) {
        return new TokenSink() {
            @Override
            public void onToken(int id) {
                started.countDown();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    static final class Recorder implements TokenSink {
        final List<Integer> ids = new CopyOnWriteArrayList<>();
        final StringBuilder text = new StringBuilder();

        @Override
        public void onToken(int id) {
            ids.add(id);
        }

        @Override
        public synchronized void onText(String delta) {
            text.append(delta);
        }
    }

    @Test
    void oneRequestEqualsGreedyDecodingOnTheModel() {
        int[] p = prompt(1, 12);
        try (var engine = new GenerationEngine(model, tokenizer, GenerationEngine.Config.single(128))) {
            var rec = new Recorder();
            Completion c = engine.submit(p, GenerationOptions.of(20, SamplerConfig.GREEDY), rec).join();
            List<Integer> expected = greedyReference(p, 20);
            assertThat(rec.ids).containsExactlyElementsOf(expected);
            assertThat(c.completionTokens()).isEqualTo(expected.size());
            assertThat(c.promptTokens()).isEqualTo(12);
            assertThat(c.text()).isEqualTo(rec.text.toString())
                    .isEqualTo(tokenizer.decode(expected.stream().mapToInt(Integer::intValue).toArray(), true));
            assertThat(c.finishReason()).isEqualTo(expected.size() == 20 ? FinishReason.LENGTH : FinishReason.STOP);
        }
    }

    @Test
    void concurrentRequestsBatchedTogetherGiveTheSameTokensAsAlone() throws Exception {
        var cfg = new GenerationEngine.Config(4, 128, 8, 5, false);
        try (var engine = new GenerationEngine(model, tokenizer, cfg)) {
            List<GenerationHandle> handles = new ArrayList<>();
            List<Recorder> recs = new ArrayList<>();
            for (int i = 0; i < 6; i++) { // more requests than slots: two wait in the queue
                var rec = new Recorder();
                recs.add(rec);
                handles.add(engine.submit(prompt(i + 10, 7 + 3 * i), GenerationOptions.of(15, SamplerConfig.GREEDY), rec));
            }
            for (int i = 0; i < 6; i++) {
                handles.get(i).result().get(60, TimeUnit.SECONDS);
                assertThat(recs.get(i).ids).as("request %d", i)
                        .containsExactlyElementsOf(greedyReference(prompt(i + 10, 7 + 3 * i), 15));
            }
            assertThat(engine.stats().activeSlots()).isZero();
            assertThat(engine.stats().queued()).isZero();
        }
    }

    @Test
    void theSameSeedGivesTheSameSampledText() {
        try (var engine = new GenerationEngine(model, tokenizer, GenerationEngine.Config.single(128))) {
            var opts = GenerationOptions.of(25, SamplerConfig.defaults(7));
            String a = engine.submit(prompt(3, 5), opts, null).join().text();
            String b = engine.submit(prompt(3, 5), opts, null).join().text();
            assertThat(a).isEqualTo(b);
        }
    }

    @Test
    void aRepeatedPrefixIsReusedAndGivesTheSameResult() {
        var cfg = new GenerationEngine.Config(1, 128, 2, 8, true);
        int[] first = prompt(5, 30);
        int[] second = first.clone();
        second[28] = 99; // shares 28 tokens
        try (var engine = new GenerationEngine(model, tokenizer, cfg)) {
            engine.submit(first, GenerationOptions.of(5, SamplerConfig.GREEDY), null).join();
            var rec = new Recorder();
            Completion c = engine.submit(second, GenerationOptions.of(10, SamplerConfig.GREEDY), rec).join();
            assertThat(c.cachedPromptTokens()).isEqualTo(28);
            assertThat(rec.ids).containsExactlyElementsOf(greedyReference(second, 10));
        }
    }

    @Test
    void stopStringsCutTheTextAndEndWithStop() {
        int[] p = prompt(1, 12);
        List<Integer> ref = greedyReference(p, 30);
        String full = tokenizer.decode(ref.stream().mapToInt(Integer::intValue).toArray(), true);
        org.junit.jupiter.api.Assumptions.assumeTrue(full.length() >= 6, "reference text too short: " + full);
        String stop = full.substring(3, 5);
        try (var engine = new GenerationEngine(model, tokenizer, GenerationEngine.Config.single(128))) {
            var rec = new Recorder();
            Completion c = engine.submit(p, GenerationOptions.of(30, SamplerConfig.GREEDY).withStop(List.of(stop)), rec).join();
            assertThat(c.finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(c.text()).isEqualTo(full.substring(0, full.indexOf(stop))).isEqualTo(rec.text.toString());
        }
    }

    @Test
    void cancelFreesTheSlotAndTheQueueRejectsWhenFull() throws Exception {
        var cfg = new GenerationEngine.Config(1, 128, 1, 8, false);
        try (var engine = new GenerationEngine(model, tokenizer, cfg)) {
            var started = new CountDownLatch(1);
            TokenSink slow = slowSink(started, 5);
            var ban = banEndOfGeneration();
            var long1 = engine.submit(prompt(1, 4), GenerationOptions.of(120, SamplerConfig.GREEDY).withProcessors(ban), slow);
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            var queued = engine.submit(prompt(2, 4), GenerationOptions.of(3, SamplerConfig.GREEDY), null);
            assertThatThrownBy(() -> engine.submit(prompt(3, 4), GenerationOptions.of(3, SamplerConfig.GREEDY), null))
                    .isInstanceOf(QueueFullException.class);
            long1.cancel();
            assertThat(long1.result().get(20, TimeUnit.SECONDS).finishReason()).isEqualTo(FinishReason.CANCELLED);
            assertThat(queued.result().get(20, TimeUnit.SECONDS).finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
            assertThat(engine.stats().activeSlots()).isZero();
        }
    }

    @Test
    void aSinkThatThrowsCancelsItsGeneration() {
        try (var engine = new GenerationEngine(model, tokenizer, GenerationEngine.Config.single(128))) {
            TokenSink broken = new TokenSink() {
                @Override
                public void onToken(int id) {
                    throw new IllegalStateException("client went away");
                }
            };
            Completion c = engine.submit(prompt(1, 4), GenerationOptions.of(50, SamplerConfig.GREEDY), broken).join();
            List<Integer> ref = greedyReference(prompt(1, 4), 1);
            assertThat(c.finishReason()).isEqualTo(ref.isEmpty() ? FinishReason.STOP : FinishReason.CANCELLED);
            // The engine keeps serving afterwards.
            assertThat(engine.submit(prompt(2, 4), GenerationOptions.of(3, SamplerConfig.GREEDY), null).join().error()).isNull();
        }
    }

    @Test
    void aTimeoutEndsTheGeneration() {
        try (var engine = new GenerationEngine(model, tokenizer, GenerationEngine.Config.single(128))) {
            TokenSink slow = slowSink(new CountDownLatch(1), 20);
            var ban = banEndOfGeneration();
            var opts = GenerationOptions.of(100, SamplerConfig.GREEDY).withProcessors(ban).withTimeout(Duration.ofMillis(200));
            Completion c = engine.submit(prompt(1, 4), opts, slow).join();
            assertThat(c.finishReason()).isEqualTo(FinishReason.TIMEOUT);
            // Stopped early: 100 tokens take 2 s here (a loaded machine may not even reach the first in 200 ms).
            assertThat(c.completionTokens()).isBetween(0, 99);
        }
    }

    @Test
    void aRequestThatTimesOutWhileQueuedEndsWithoutTakingASlot() throws Exception {
        var cfg = new GenerationEngine.Config(1, 128, 2, 8, false);
        try (var engine = new GenerationEngine(model, tokenizer, cfg)) {
            var started = new CountDownLatch(1);
            TokenSink slow = slowSink(started, 10);
            var ban = banEndOfGeneration();
            var busy = engine.submit(prompt(1, 4), GenerationOptions.of(100, SamplerConfig.GREEDY).withProcessors(ban), slow);
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            var waiting = engine.submit(prompt(2, 4),
                    GenerationOptions.of(5, SamplerConfig.GREEDY).withTimeout(Duration.ofMillis(100)), null);
            Completion c = waiting.result().get(20, TimeUnit.SECONDS);
            assertThat(c.finishReason()).isEqualTo(FinishReason.TIMEOUT);
            assertThat(c.completionTokens()).isZero();
            assertThat(c.queueNanos()).isGreaterThanOrEqualTo(100_000_000L);
            assertThat(busy.result().isDone()).as("the running request is not disturbed").isFalse();
            assertThat(engine.stats().queued()).isZero();
            busy.cancel();
            assertThat(busy.result().get(20, TimeUnit.SECONDS).finishReason()).isEqualTo(FinishReason.CANCELLED);
        }
    }

    @Test
    void aGenerationThatFillsTheContextEndsWithLengthAfterItsLastToken() {
        // 14 prompt tokens in a context of 16: two generated tokens are evaluated, a third is sampled from
        // the last position's logits and emitted, then the context is full.
        int[] p = prompt(1, 14);
        var ban = banEndOfGeneration();
        try (var engine = new GenerationEngine(model, tokenizer, GenerationEngine.Config.single(16))) {
            var rec = new Recorder();
            Completion c = engine.submit(p, GenerationOptions.of(50, SamplerConfig.GREEDY).withProcessors(ban), rec).join();
            assertThat(c.error()).isNull();
            assertThat(c.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(c.completionTokens()).isEqualTo(3);
            assertThat(rec.ids).hasSize(3);
        }
    }

    @Test
    void promptsThatDoNotFitAreRejectedUpFront() {
        try (var engine = new GenerationEngine(model, tokenizer, GenerationEngine.Config.single(16))) {
            assertThatThrownBy(() -> engine.submit(prompt(1, 16), GenerationOptions.of(1, SamplerConfig.GREEDY), null))
                    .isInstanceOf(ContextOverflowException.class).hasMessageContaining("16 tokens");
            assertThatThrownBy(() -> engine.submit(new int[] {2, 999}, GenerationOptions.of(1, SamplerConfig.GREEDY), null))
                    .hasMessageContaining("999");
        }
    }
}
