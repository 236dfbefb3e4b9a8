package io.qat4j.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The story of an evaluation in a few plain sentences, computed from the numbers (the top of the
 * HTML and Markdown reports): the best recovery of the RTN gap first, then what round-to-nearest costs,
 * what the control shows, one line per other quantized model, and the fastest decoder.
 */
public final class Findings {
    private Findings() {}

    public static List<String> of(EvalResult r) {
        var out = new ArrayList<String>();
        ModelResult floatModel = r.first(ModelRole.FLOAT);
        if (floatModel == null) {
            var best = r.models().stream().min(Comparator.comparingDouble(ModelResult::bitsPerByte)).orElseThrow();
            var smallest = r.models().stream().min(Comparator.comparingLong(ModelResult::fileBytes)).orElseThrow();
            out.add(s("Lowest bits per byte: %s (%s). Smallest file: %s (%s).", best.label(), Formats.bpb(best.bitsPerByte()),
                    smallest.label(), Formats.size(smallest.fileBytes())));
            out.add("Label the models float / rtn / qat / control (--label NAME=PATH) to see what quantization costs and"
                    + " what each method recovers.");
        } else {
            ModelResult headline = r.models().stream().filter(m -> m.role() != ModelRole.RTN && m.rtnGapRecovered() != null)
                    .max(Comparator.comparingDouble(ModelResult::rtnGapRecovered)).orElse(null);
            if (headline != null) {
                ModelResult rtn = GapRecovery.rtnFor(r.models(), headline);
                out.add(s("%s recovers %s of the %s RTN gap: %s bits per byte against %s for %s and %s for the float model,"
                        + " in %s (%.1f× smaller than float).", headline.label(), Formats.percentWhole(headline.rtnGapRecovered()),
                        headline.weightType(), Formats.bpb(headline.bitsPerByte()), Formats.bpb(rtn.bitsPerByte()), rtn.label(),
                        Formats.bpb(floatModel.bitsPerByte()), Formats.size(headline.fileBytes()),
                        (double) floatModel.fileBytes() / headline.fileBytes()));
            }
            var rtns = r.models().stream().filter(m -> m.role() == ModelRole.RTN).toList();
            if (!rtns.isEmpty()) {
                var costs = rtns.stream().map(m -> s("%s bits per byte at %s (%s)", Formats.bpbDelta(m.bitsPerByte()
                        - floatModel.bitsPerByte()), m.weightType(), m.label())).toList();
                out.add("Round-to-nearest quantization costs " + String.join(", ", costs) + " over the float model's "
                        + Formats.bpb(floatModel.bitsPerByte()) + ".");
            }
            ModelResult control = r.first(ModelRole.CONTROL);
            if (control != null) {
                out.add(s("%s, the control (the float model fine-tuned like QAT, without quantization), scores %s (%s vs"
                        + " float): that much comes from the extra training alone, and the gap recovered is measured against it.",
                        control.label(), Formats.bpb(control.bitsPerByte()),
                        Formats.bpbDelta(control.bitsPerByte() - floatModel.bitsPerByte())));
            }
            for (ModelResult m : r.models()) {
                if (m.role() != ModelRole.FLOAT && m.role() != ModelRole.CONTROL && !Objects.equals(m, headline)) {
                    out.add(detail(m, floatModel, r));
                }
            }
        }
        r.models().stream().filter(m -> m.decodeTps() != null).max(Comparator.comparingDouble(ModelResult::decodeTps))
                .ifPresent(fast -> out.add(s("Fastest decode: %s at %s tokens/s.", fast.label(), Formats.rate(fast.decodeTps()))));
        return out;
    }

    private static String detail(ModelResult m, ModelResult floatModel, EvalResult r) {
        var sb = new StringBuilder(s("%s (%s, %s): %s bits per byte vs float", m.label(), Formats.weights(m),
                Formats.size(m.fileBytes()), Formats.bpbDelta(m.bitsPerByte() - floatModel.bitsPerByte())));
        if (m.klVsReference() != null) {
            sb.append(s(", KL %s nats/token, top-1 agreement %s", Formats.kl(m.klVsReference()),
                    Formats.percent(m.top1Agreement())));
        }
        if (m.rtnGapRecovered() != null) {
            sb.append(s("; recovers %s of the RTN gap", Formats.percentWhole(m.rtnGapRecovered())));
        } else if (m.role() != ModelRole.RTN && GapRecovery.rtnFor(r.models(), m) == null) {
            sb.append(s(" (no %s RTN model to measure the gap against)", m.weightType()));
        }
        return sb.append('.').toString();
    }

    private static String s(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
