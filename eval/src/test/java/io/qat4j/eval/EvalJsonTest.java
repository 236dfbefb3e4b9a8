package io.qat4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class EvalJsonTest {

    static EvalResult sample(String reference) {
        var f = GapRecoveryTest.model("float", "F32", 2.0);
        var rtn = GapRecoveryTest.model("q4_0-rtn", "Q4_0", 2.04).withSpeed(5000.0, 900.0);
        var qat = new ModelResult("/m/q4_0-qat.gguf", "Q4_0 QAT", ModelRole.QAT, "Q4_0", "Q8_0", 260, 256, 4, 1000, 1000,
                2.01 * Math.log(2) * 1000, reference == null ? null : 0.0021, reference == null ? null : 0.981, 500, 900,
                5100.0, 950.0, 4000.0, null);
        return new EvalResult("kjv.txt", "test", 1000, 256, 0, reference, 2, 123456789L, GapRecovery.apply(List.of(f, rtn, qat)));
    }

    @Test
    void theContractsFieldNamesAreThere() throws IOException {
        var json = new ObjectMapper().readTree(EvalJson.toJsonString(sample("/m/float.gguf")));
        assertThat(json.has("models")).isTrue();
        assertThat(json.get("split").asText()).isEqualTo("test");
        assertThat(json.get("windows").asInt()).isEqualTo(4);
        assertThat(json.get("reference").asText()).isEqualTo("/m/float.gguf");
        for (var m : json.get("models")) {
            for (String field : List.of("model", "bits_per_byte", "perplexity", "kl_vs_reference", "top1_agreement",
                    "file_bytes", "prefill_tps", "decode_tps")) {
                assertThat(m.has(field)).as(field).isTrue();
            }
        }
        var qat = json.get("models").get(2);
        assertThat(qat.get("model").asText()).isEqualTo("/m/q4_0-qat.gguf");
        assertThat(qat.get("bits_per_byte").asDouble()).isCloseTo(2.01, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(qat.get("perplexity").asDouble()).isEqualTo(Math.exp(2.01 * Math.log(2)));
        assertThat(qat.get("kl_vs_reference").asDouble()).isEqualTo(0.0021);
        assertThat(qat.get("top1_agreement").asDouble()).isEqualTo(0.981);
        assertThat(qat.get("file_bytes").asLong()).isEqualTo(500);
        assertThat(qat.get("rtn_gap_recovered").asDouble()).isCloseTo(0.75, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(qat.get("role").asText()).isEqualTo("qat");
        assertThat(qat.get("embedding_type").asText()).isEqualTo("Q8_0");
        assertThat(json.get("models").get(0).get("embedding_type").isNull()).as("unknown").isTrue();
    }

    @Test
    void figuresThatDoNotApplyAreNull() throws IOException {
        var json = new ObjectMapper().readTree(EvalJson.toJsonString(sample(null)));
        assertThat(json.get("reference").isNull()).isTrue();
        var f = json.get("models").get(0);
        assertThat(f.get("kl_vs_reference").isNull()).isTrue();
        assertThat(f.get("top1_agreement").isNull()).isTrue();
        assertThat(f.get("prefill_tps").isNull()).isTrue();
        assertThat(f.get("decode_tps").isNull()).isTrue();
        assertThat(f.get("rtn_gap_recovered").isNull()).isTrue();
    }

    @Test
    void writtenJsonReadsBackTheSame(@TempDir Path dir) throws IOException {
        var r = sample("/m/float.gguf");
        Path file = dir.resolve("sub/eval.json");
        EvalJson.write(r, file);
        assertThat(EvalJson.read(file)).isEqualTo(r);
    }
}
