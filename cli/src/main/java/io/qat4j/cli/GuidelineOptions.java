package io.qat4j.cli;

import java.io.IOException;
import java.nio.file.Path;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.decode.DecodeConstraint;
import io.qat4j.infer.api.LocalModel;
import picocli.CommandLine.Option;

/** The governance flags of generate and chat. */
final class GuidelineOptions {
    @Option(names = "--guidelines", paramLabel = "G.yaml", description = "govern the generation with these brand guidelines: the prompt and settings are checked "
        + "first (a blocking rule refuses), banned terms are masked while the model writes, and the answer is "
        + "checked, fixed and re-asked as the rules say. The answer is held back and printed only after the "
        + "checks (nothing blocked is ever printed); the verdict follows on stderr (in the JSON with --json).")
    Path guidelines;

    @Option(names = "--channel", paramLabel = "NAME", defaultValue = "default",
            description = "the channel the text is for (selects the guideline's length bounds; default: ${DEFAULT-VALUE})")
    String channel;

    @Option(names = "--max-reasks", paramLabel = "N", defaultValue = "2",
            description = "regenerations allowed when a rule says reask (default: ${DEFAULT-VALUE})")
    int maxReasks;

    boolean enabled() {
        return guidelines != null;
    }

    /** The guideline compiled for checking, and its decode-time constraint for this model's vocabulary. */
    record Governance(Guidelines guidelines, Checker checker, DecodeConstraint constraint) {
    }

    Governance load(LocalModel model) throws IOException {
        if (maxReasks < 0) {
            throw new IllegalArgumentException("--max-reasks must be ≥ 0");
        }
        Guidelines g = Guidelines.load(guidelines);
        return new Governance(g, Checker.compile(g), DecodeConstraint.fromGuidelines(g, model.tokenizer()));
    }
}
