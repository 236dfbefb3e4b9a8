package io.qat4j.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.qat4j.eval.EvalResult;
import io.qat4j.eval.Formats;
import io.qat4j.eval.ModelResult;

/** The method notes shared by the HTML and Markdown reports. */
final class ReportText {
    private ReportText() {}

    static List<String> method(EvalResult r) {
        var out = new ArrayList<String>();
        ModelResult first = r.models().getFirst();
        out.add(String.format(Locale.ROOT, "Text: the %s split (%,d bytes) of %s, cut from the corpus as contiguous 90/5/5 %%"
                + " byte ranges (train/val/test), the same cut training uses.", r.split(), r.splitBytes(), r.data()));
        out.add(String.format(Locale.ROOT, "Windows: each model tokenizes the split with its own vocabulary; the tokens are"
                + " cut into non-overlapping windows of %d tokens, each fed as [BOS] + window[:-1], so every token is"
                + " predicted exactly once%s.", first.windowTokens(),
                r.maxWindows() > 0 ? " (only the first " + r.maxWindows() + " windows were scored)" : ""));
        out.add("Bits per byte = total negative log-likelihood in nats / ln 2 / UTF-8 bytes of the text scored: comparable"
                + " across tokenizers. Perplexity is per token: exp(mean NLL).");
        if (r.reference() != null) {
            out.add("KL vs ref = mean over tokens of KL(reference ‖ model) = Σ p_ref (log p_ref − log p_model), in nats;"
                    + " top-1 agreement = share of tokens where both models' most likely next token is the same. Both on"
                    + " the same windows, reference = " + r.reference() + ".");
        }
        out.add("RTN gap recovered = 1 − (bpb_x − bpb_control) / (bpb_rtn − bpb_float), with the RTN model of x's weight"
                + " type; the control is the float model fine-tuned like QAT without quantization (the float model itself"
                + " when no control is given). 100 % = as good as the control, 0 % = no better than RTN. Roles come from"
                + " the model labels (float, rtn, qat, control...).");
        out.add("Logits come from qat4j's inference engine in float32 activations (weights dequantized block by block),"
                + " with log-softmax, NLL and KL summed in double precision.");
        out.add(String.format(Locale.ROOT, "Speed: prefill = one prompt batch, decode = one token at a time, median of"
                + " repeated runs after a warm-up, %d threads%s.", r.threads(),
                r.peakRssBytes() > 0 ? String.format(Locale.ROOT, "; peak resident memory of the whole evaluation %s",
                        Formats.size(r.peakRssBytes())) : ""));
        return out;
    }
}
