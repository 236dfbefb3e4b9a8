package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every command's --help renders cleanly: a bare '%' in a description is a format error to picocli. */
class HelpTextTest {

    @Test
    void everyHelpPageFormatsWithoutWarnings() {
        var names = Main.newCommandLine().getSubcommands().keySet();
        assertThat(names).contains("train", "quantize", "qat", "eval", "tokenizer-train");
        for (String name : names) {
            if (name.equals("help")) {
                continue;
            }
            CliRun r = CliRun.of(name, "--help");
            assertThat(r.exitCode()).as(name).isZero();
            assertThat(r.err()).as(name + " --help").doesNotContain("picocli WARN");
            assertThat(r.out()).as(name + " --help").doesNotContain("%n");
        }
    }

    @Test
    void thePercentSignsOfTheSplitAreShown() {
        assertThat(CliRun.of("train", "--help").out()).contains("contiguous 90/5/5 % byte");
        assertThat(CliRun.of("eval", "--help").out()).contains("contiguous 90/5/5 % byte");
        assertThat(CliRun.of("quantize", "--help").out()).contains("(its first 90 %, the training");
        assertThat(CliRun.of("tokenizer-train", "--help").out()).contains("train (first 90 %)");
    }
}
