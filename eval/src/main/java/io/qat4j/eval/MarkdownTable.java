package io.qat4j.eval;

import java.util.List;
import java.util.Locale;

/** The evaluation as a Markdown table, one row per model (printed by {@code qat4j eval}). */
public final class MarkdownTable {
    private static final List<String> HEADER = List.of("model", "role", "weights", "file size", "bits/byte",
            "ppl/token", "KL vs ref (nats/token)", "top-1 agree", "RTN gap recovered", "prefill tok/s", "decode tok/s");

    private MarkdownTable() {}

    public static String of(EvalResult r) {
        var sb = new StringBuilder();
        row(sb, HEADER);
        sb.append('|');
        for (int i = 0; i < HEADER.size(); i++) {
            sb.append(i < 3 ? " --- |" : " ---: |");
        }
        sb.append('\n');
        for (ModelResult m : r.models()) {
            row(sb, List.of(m.label(), m.role().id(), Formats.weights(m), Formats.size(m.fileBytes()),
                    Formats.bpb(m.bitsPerByte()), Formats.perplexity(m.perplexity()), Formats.kl(m.klVsReference()),
                    Formats.percent(m.top1Agreement()), Formats.percentWhole(m.rtnGapRecovered()),
                    Formats.rate(m.prefillTps()), Formats.rate(m.decodeTps())));
        }
        return sb.toString();
    }

    /** One line saying what was scored, for under the table. */
    public static String caption(EvalResult r) {
        var first = r.models().getFirst();
        return String.format(Locale.ROOT,
                "%s split of %s: %d windows of %d tokens, %,d tokens = %,d bytes scored per model%s.", r.split(),
                r.data(), first.windows(), first.windowTokens(), first.tokensScored(), first.bytesScored(),
                r.reference() == null ? "" : "; KL and top-1 against " + r.reference());
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }
}
