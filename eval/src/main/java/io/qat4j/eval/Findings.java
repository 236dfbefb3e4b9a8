package io.qat4j.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

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
            ModelResult headline = r.models().stream().filter(m -> m.role() != ModelRole.RTN && m.rtnGapRecovered() != null
                    && m.rtnGapRecovered() > 0)
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
                // Only where another model of the RTN model's type (QAT, calibrated PTQ) would be measured against it.
                if (rtns.stream().anyMatch(m -> m.bitsPerByte() - floatModel.bitsPerByte() < GapRecovery.MIN_GAP_BPB
                        && r.models().stream().anyMatch(x -> x.role() != ModelRole.RTN && x.weightType().equals(m.weightType())))) {
                    out.add(s("Where round-to-nearest costs less than %s bits per byte, the gap is too small to measure what"
                            + " QAT recovers in bits per byte; KL divergence and top-1 agreement with the float model show it"
                            + " (a longer training run widens the gap).", Formats.bpb(GapRecovery.MIN_GAP_BPB)));
                }
            }
            ModelResult control = r.first(ModelRole.CONTROL);
            if (control != null) {
                out.add(s("%s, the control (the float model fine-tuned like QAT, without quantization), scores %s (%s vs"
                        + " float): that much comes from the extra training alone, and the gap recovered is measured against it.",
                        control.label(), Formats.bpb(control.bitsPerByte()),
                        Formats.bpbDelta(control.bitsPerByte() - floatModel.bitsPerByte())));
                unconvergedFloat(r, floatModel, control, headline).ifPresent(out::add);
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

    /**
     * When the control gained more from its extra steps than round-to-nearest costs, the float model was far
     * from converged and a method that only distils it cannot score near the control: say so, and how much of
     * the gap the model recovers against the float model itself.
     */
    private static Optional<String> unconvergedFloat(EvalResult r, ModelResult floatModel, ModelResult control,
            ModelResult headline) {
        double extraTraining = floatModel.bitsPerByte() - control.bitsPerByte();
        var qat = r.models().stream().filter(m -> m.role() == ModelRole.QAT).findFirst().orElse(headline);
        ModelResult rtn = qat == null ? null : GapRecovery.rtnFor(r.models(), qat);
        if (rtn == null) {
            return Optional.empty();
        }
        double gap = rtn.bitsPerByte() - floatModel.bitsPerByte();
        if (gap < GapRecovery.MIN_GAP_BPB || extraTraining <= gap) {
            return Optional.empty();
        }
        double vsFloat = GapRecovery.fraction(qat.bitsPerByte(), floatModel.bitsPerByte(), rtn.bitsPerByte(),
                floatModel.bitsPerByte());
        return Optional.of(s("The control gained more from its extra steps (%s) than round-to-nearest costs (%s):"
                + " the float model is far from converged, so against the control every method that distils it looks"
                + " worse than RTN. Measured against the float model instead, %s recovers %s of the RTN gap.",
                Formats.bpbDelta(-extraTraining), Formats.bpbDelta(gap), qat.label(), Formats.percentWhole(vsFloat)));
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
