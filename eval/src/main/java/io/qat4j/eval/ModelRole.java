package io.qat4j.eval;

import java.util.Locale;
import java.util.Set;

/**
 * What a model is in a float-versus-quantized comparison, read from its label (or file name): the words
 * in it, split at anything that is not a letter or digit, decide. The first rule that matches wins:
 * <ol>
 *   <li>{@code control}: the float model fine-tuned like QAT but without quantization;</li>
 *   <li>{@code qat}: quantization-aware trained;</li>
 *   <li>{@code rtn}: round-to-nearest post-training quantization;</li>
 *   <li>{@code ptq}, {@code calib}, {@code calibrated}, {@code gptq}, {@code awq}: another PTQ method;</li>
 *   <li>{@code float}, {@code f32}, {@code f16}, {@code bf16}, {@code fp32}, {@code fp16}: the float model;</li>
 *   <li>anything else: other.</li>
 * </ol>
 */
public enum ModelRole {
    CONTROL, QAT, RTN, PTQ, FLOAT, OTHER;

    private static final Set<String> PTQ_WORDS = Set.of("ptq", "calib", "calibrated", "gptq", "awq");
    private static final Set<String> FLOAT_WORDS = Set.of("float", "f32", "f16", "bf16", "fp32", "fp16");

    public static ModelRole of(String label) {
        Set<String> words = Set.of(label.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
        if (words.contains("control")) {
            return CONTROL;
        }
        if (words.contains("qat")) {
            return QAT;
        }
        if (words.contains("rtn")) {
            return RTN;
        }
        if (words.stream().anyMatch(PTQ_WORDS::contains)) {
            return PTQ;
        }
        if (words.stream().anyMatch(FLOAT_WORDS::contains)) {
            return FLOAT;
        }
        return OTHER;
    }

    /** The lower-case name used in JSON and reports. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
