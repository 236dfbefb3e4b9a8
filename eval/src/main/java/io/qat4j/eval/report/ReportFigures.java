package io.qat4j.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.qat4j.eval.EvalResult;
import io.qat4j.eval.Formats;
import io.qat4j.eval.ModelResult;
import io.qat4j.eval.ModelRole;

/** Chooses the plots an evaluation supports (KL only with a reference, speed only when measured...). */
final class ReportFigures {
    private ReportFigures() {}

    static List<Figure> evaluation(EvalResult r) {
        var figures = new ArrayList<Figure>();
        figures.add(new Figure("quality_vs_size.png", "Bits per byte vs file size",
                "Each point is a model. Lower means it predicts the held-out text better; further left means a smaller"
                        + " file. The dashed line is the float model: the closer a quantized model sits to it, the less"
                        + " quantization cost.", QualityChart.of(r)));
        ModelResult floatModel = r.first(ModelRole.FLOAT);
        var others = r.models().stream().filter(m -> m != floatModel).toList();
        if (floatModel != null && !others.isEmpty()) {
            double base = floatModel.bitsPerByte();
            figures.add(new Figure("cost_vs_float.png", "What each model costs over float",
                    "Bits per byte above the float model's " + Formats.bpb(base) + " (0 = as good as float). RTN shows the"
                            + " plain cost of quantization; a method that works has a shorter bar than RTN of the same type.",
                    ModelBars.of("Extra bits per byte over the float model", "bits per byte above float (lower is better)",
                            others, m -> m.bitsPerByte() - base, "0.0000", null)));
        }
        if (r.models().stream().anyMatch(m -> m.rtnGapRecovered() != null)) {
            figures.add(new Figure("rtn_gap_recovered.png", "Share of the RTN gap each method recovers",
                    "1 − (bpb − bpb_control) / (bpb_RTN − bpb_float), in %, for each quantized model against round-to-nearest"
                            + " of the same type and embedding: 0 % = no better than RTN, 100 % = as good as the control (the"
                            + " float model fine-tuned for the same steps without quantization), below 0 = worse than RTN.",
                    ModelBars.of("RTN gap recovered (higher is better)",
                            "% of the RTN gap recovered", r.models(),
                            m -> m.rtnGapRecovered() == null ? null : 100 * m.rtnGapRecovered(), "0", null)));
        }
        if (r.reference() != null) {
            var compared = r.models().stream().filter(m -> !m.model().equals(r.reference())).toList();
            if (!compared.isEmpty()) {
                figures.add(new Figure("kl_vs_reference.png", "KL divergence from the reference",
                        "Mean KL(reference ‖ model) per token in nats: how far each model's next-token distribution is from"
                                + " the reference's. 0 = identical; it sees small differences that bits per byte averages away.",
                        ModelBars.of("KL divergence from the reference (lower is better)", "nats per token", compared,
                                ModelResult::klVsReference, klPattern(compared), null)));
                double lowest = compared.stream().mapToDouble(ModelResult::top1Agreement).min().orElse(1) * 100;
                double from = Math.max(0, Math.floor(lowest - Math.max(0.5, (100 - lowest) * 0.6)));
                figures.add(new Figure("top1_agreement.png", "Top-1 agreement with the reference",
                        "The share of tokens where the model's most likely next token is the reference's. 100 % = it would"
                                + " always pick what the reference picks. The axis starts at "
                                + String.format(Locale.ROOT, "%.0f", from) + " % to show the differences.",
                        ModelBars.of("Top-1 agreement with the reference (higher is better)",
                                String.format(Locale.ROOT, "%% of tokens (axis starts at %.0f %%)", from), compared,
                                m -> 100 * m.top1Agreement(), "0.00", from)));
            }
        }
        if (r.models().stream().anyMatch(m -> m.decodeTps() != null || m.prefillTps() != null)) {
            figures.add(new Figure("speed.png", "Inference speed",
                    "Tokens per second on this machine: prefill evaluates a prompt in one batch, decode generates one"
                            + " token at a time (what a chat user waits for). Smaller weights usually decode faster.",
                    SpeedChart.of(r.models(), r.threads())));
        }
        return figures;
    }

    static List<Figure> training(List<TrainingLog> logs) {
        var figures = new ArrayList<Figure>();
        for (int i = 0; i < logs.size(); i++) {
            var log = logs.get(i);
            figures.add(new Figure("training_" + (i + 1) + "_" + fileSafe(log.name()) + ".png", "Training run: " + log.name(),
                    "The objective per step (left axis; a distillation run logs its KL to the teacher) and bits per byte"
                            + " on the validation split (right axis). Validation flat over the last steps means the run"
                            + " converged.", LossCharts.of(log, i)));
        }
        return figures;
    }

    private static String klPattern(List<ModelResult> models) {
        double max = models.stream().mapToDouble(ModelResult::klVsReference).max().orElse(0);
        return max >= 0.1 ? "0.000" : max >= 0.001 ? "0.00000" : "0.0E0";
    }

    static String fileSafe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }
}
