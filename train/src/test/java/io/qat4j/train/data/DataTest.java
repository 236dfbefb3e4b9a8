package io.qat4j.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.testkit.TestData;

class DataTest {
    @TempDir
    Path tmp;

    @Test
    void splitsTheBenchmarkCorpusExactlyAsItsReadmeSays() throws IOException {
        byte[] kjv = Corpus.read(TestData.file("corpus/kjv.txt"));
        assertThat(kjv).hasSize(4_236_033);
        var split = CorpusSplit.of(kjv);
        assertThat(split.train()).hasSize(3_812_429);
        assertThat(split.val()).hasSize(211_802);
        assertThat(split.test()).hasSize(211_802);
        assertThat(split.val()[0]).isEqualTo(kjv[3_812_429]);
        assertThat(split.test()[211_801]).isEqualTo(kjv[kjv.length - 1]);
    }

    @Test
    void byteTokensAreTheRawBytes() {
        int[] ids = ByteTokenizer.INSTANCE.encode("aé\n");
        assertThat(ids).containsExactly('a', 0xC3, 0xA9, '\n');
        assertThat(ByteTokenizer.INSTANCE.vocabSize()).isEqualTo(260);
        assertThat(ByteTokenizer.BOS).isEqualTo(257);
    }

    @Test
    void readsFoldersInPathOrderAndGzipFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("corpus/sub"));
        Files.writeString(tmp.resolve("corpus/b.txt"), "BBB", StandardCharsets.UTF_8);
        Files.writeString(tmp.resolve("corpus/.hidden"), "nope", StandardCharsets.UTF_8);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp.resolve("corpus/a.txt.gz")))) {
            out.write("AAA".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("c.txt"), "CCC", StandardCharsets.UTF_8);
        assertThat(new String(Corpus.read(tmp.resolve("corpus")), StandardCharsets.UTF_8)).isEqualTo("AAABBBCCC");
        assertThatThrownBy(() -> Corpus.read(tmp.resolve("missing"))).hasMessageContaining("missing");
        Files.writeString(tmp.resolve("bad.gz"), "not gzip");
        assertThatThrownBy(() -> Corpus.read(tmp.resolve("bad.gz"))).hasMessageContaining("bad.gz");
    }

    @Test
    void batchesAreBosPlusWindowWithShiftedTargetsAndResumable() {
        int[] tokens = new int[1000];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = i % 256;
        }
        var sampler = new BatchSampler(tokens, 257, 99);
        int b = 3;
        int t = 16;
        int[] in = new int[b * t];
        int[] tg = new int[b * t];
        sampler.next(b, t, in, tg);
        for (int r = 0; r < b; r++) {
            assertThat(in[r * t]).isEqualTo(257);
            int s = tg[r * t]; // tokens[s] == s % 256 here, and s < 1000 - 16
            for (int j = 1; j < t; j++) {
                assertThat(in[r * t + j]).isEqualTo(tg[r * t + j - 1]);
                assertThat(tg[r * t + j]).isEqualTo((tg[r * t] + j) % 256);
            }
            assertThat(s).isBetween(0, 255);
        }
        long state = sampler.state();
        int[] next1 = new int[b * t];
        sampler.next(b, t, next1, new int[b * t]);
        var again = new BatchSampler(tokens, 257, 0);
        again.restore(state);
        int[] next2 = new int[b * t];
        again.next(b, t, next2, new int[b * t]);
        assertThat(next2).containsExactly(next1);
    }

    @Test
    void splitMixIsUniformEnoughAndSeeded() {
        var a = new SplitMix64(5);
        var b = new SplitMix64(5);
        int[] counts = new int[10];
        for (int i = 0; i < 10_000; i++) {
            int x = a.nextInt(10);
            assertThat(b.nextInt(10)).isEqualTo(x);
            counts[x]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(850, 1150);
        }
    }
}
