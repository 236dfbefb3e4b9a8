package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.infer.bench.MemoryBandwidthProbe;
import io.qat4j.testkit.TestData;

/**
 * {@code qat4j bench} as llama-bench users read it: the JSON fields DESIGN.md names, a table, a synthetic
 * model that anyone can rebuild byte for byte from its seed, and clear refusals. Speeds are only checked
 * to be measured (positive), never compared: that is the benchmarks' job, not a unit test's.
 */
class BenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void jsonReportsSpeedMemoryAndCpuTimeOfTheFile() throws Exception {
        Path model = TestData.file("gemma3-tiny/gemma3-tiny-q4_0.gguf");
        CliRun run = CliRun.of("bench", "--model", model.toString(), "-p", "8", "-n", "4", "-r", "2", "-t", "2", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode o = new ObjectMapper().readTree(run.out());
        assertThat(o.get("file_bytes").asLong()).isEqualTo(Files.size(model));
        assertThat(o.get("threads").asInt()).isEqualTo(2);
        assertThat(o.get("n_prompt").asInt()).isEqualTo(8);
        assertThat(o.get("n_gen").asInt()).isEqualTo(4);
        assertThat(o.get("prefill_tps").asDouble()).isPositive();
        assertThat(o.get("decode_tps").asDouble()).isPositive();
        assertThat(o.get("prefill_tps_runs")).hasSize(2);
        assertThat(o.get("decode_tps_runs")).hasSize(2);
        // The median of two runs lies between them.
        double lo = Math.min(o.get("decode_tps_runs").get(0).asDouble(), o.get("decode_tps_runs").get(1).asDouble());
        double hi = Math.max(o.get("decode_tps_runs").get(0).asDouble(), o.get("decode_tps_runs").get(1).asDouble());
        assertThat(o.get("decode_tps").asDouble()).isBetween(lo, hi);
        assertThat(o.get("rss_bytes_after_load").asLong()).isPositive();
        assertThat(o.get("rss_bytes_peak").asLong()).isGreaterThanOrEqualTo(o.get("rss_bytes_after_load").asLong());
        assertThat(o.get("cpu_seconds_per_token").asDouble()).isPositive();
        assertThat(o.get("energy_source").asText()).isNotBlank();
        assertThat(o.get("weight_bytes_per_token").asLong()).isPositive().isLessThanOrEqualTo(Files.size(model));
    }

    @Test
    void theTableNamesEachTestLikeLlamaBench() {
        Path model = TestData.file("gemma3-tiny/gemma3-tiny-q8_0.gguf");
        CliRun run = CliRun.of("bench", "--model", model.toString(), "-p", "8", "-n", "4", "-r", "1", "-t", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).contains("model", "size", "threads", "test", "tokens/s", "min–max of 1 runs");
        assertThat(lines[1]).startsWith("gemma3-tiny-q8_0.gguf").contains(" pp8 ");
        assertThat(lines[2]).startsWith("gemma3-tiny-q8_0.gguf").contains(" tg4 ");
        // The speed column ends where its header ends.
        int speedEnd = lines[0].indexOf("tokens/s") + "tokens/s".length();
        assertThat(lines[1].charAt(speedEnd - 1)).isBetween('0', '9');
        assertThat(lines[1].charAt(speedEnd)).isEqualTo(' ');
        assertThat(run.out()).contains("resident memory:", "CPU time per generated token:");
    }

    @Test
    void aSyntheticModelIsTheSameFileForTheSameSeed() throws Exception {
        Path a = tmp.resolve("a.gguf");
        Path b = tmp.resolve("b.gguf");
        for (Path out : new Path[] {a, b}) {
            CliRun run = CliRun.of("bench", "--synthetic", "tiny-shape", "--type", "q8_0", "--seed", "9", "--out",
                    out.toString(), "-p", "4", "-n", "2", "-r", "1", "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(new ObjectMapper().readTree(run.out()).get("decode_tps").asDouble()).isPositive();
        }
        assertThat(Files.mismatch(a, b)).as("same seed, same bytes").isEqualTo(-1L);
        try (var f = GgufReader.open(a)) {
            assertThat(f.tensor("blk.0.ffn_up.weight").type()).isEqualTo(GgmlType.Q8_0);
            assertThat(f.metadata().getInt("gemma3.embedding_length")).isEqualTo(256);
        }
        CliRun other = CliRun.of("bench", "--synthetic", "tiny-shape", "--type", "q8_0", "--seed", "10", "--out",
                tmp.resolve("c.gguf").toString(), "-p", "0", "-n", "1", "-r", "1", "--json");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(Files.mismatch(a, tmp.resolve("c.gguf"))).as("another seed, other weights").isNotEqualTo(-1L);
    }

    @Test
    void badInputIsRefusedWithAReason() {
        CliRun missing = CliRun.of("bench", "--model", tmp.resolve("none.gguf").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("none.gguf");
        CliRun shape = CliRun.of("bench", "--synthetic", "gemma3-70b-shape", "--out", tmp.resolve("x.gguf").toString());
        assertThat(shape.exitCode()).isNotZero();
        assertThat(shape.err()).contains("unknown synthetic shape 'gemma3-70b-shape'", "gemma3-1b-shape");
        CliRun type = CliRun.of("bench", "--synthetic", "tiny-shape", "--type", "q6_k", "--out", tmp.resolve("y.gguf").toString());
        assertThat(type.exitCode()).isNotZero();
        assertThat(type.err()).containsIgnoringCase("q6_k");
    }

    @Test
    void theBandwidthProbeMeasuresAPositiveRate() {
        // A small buffer: this checks the probe runs and reports bytes per second, not this machine's bandwidth.
        double bytesPerSecond = MemoryBandwidthProbe.measure(2, 8L << 20, 2);
        assertThat(bytesPerSecond).isPositive().isFinite();
    }
}
