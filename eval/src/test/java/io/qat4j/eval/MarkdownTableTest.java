package io.qat4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {

    @Test
    void oneRowPerModelWithTheHeadlineFigures() {
        String md = MarkdownTable.of(EvalJsonTest.sample("/m/float.gguf"));
        var lines = md.strip().split("\n");
        assertThat(lines).hasSize(2 + 3);
        assertThat(lines[0]).startsWith("| model | role | weights | file size | bits/byte |");
        assertThat(lines[4]).startsWith("| Q4_0 QAT | qat | Q4_0, embedding Q8_0 | 500 B | 2.0100 |").contains("| 75 % |")
                .contains("| 0.0021 | 98.10 % |");
        assertThat(lines[2]).contains("| – |"); // no KL for the float row here: not measured in the sample
    }

    @Test
    void findingsLeadWithTheBestRecovery() {
        var findings = Findings.of(EvalJsonTest.sample("/m/float.gguf"));
        assertThat(findings.getFirst()).startsWith("Q4_0 QAT recovers 75 % of the Q4_0 RTN gap: 2.0100 bits per byte"
                + " against 2.0400 for q4_0-rtn and 2.0000 for the float model");
        assertThat(findings).anySatisfy(f -> assertThat(f).startsWith("Round-to-nearest quantization costs +0.0400"));
    }
}
