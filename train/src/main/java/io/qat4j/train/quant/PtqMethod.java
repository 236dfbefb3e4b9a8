package io.qat4j.train.quant;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The post-training quantization methods of {@code qat4j quantize --method}. */
public enum PtqMethod {
    /** Round to nearest with the ggml codecs: llama-quantize's bytes. */
    RTN("rtn", false),
    /** Per-block fp16 scale search weighted by activation statistics from calibration text ({@link ScaleSearch}). */
    SCALE_SEARCH("scale-search", true);

    private final String cliName;
    private final boolean calibrated;

    PtqMethod(String cliName, boolean calibrated) {
        this.cliName = cliName;
        this.calibrated = calibrated;
    }

    public String cliName() {
        return cliName;
    }

    /** Whether the method needs {@code --calib} text. */
    public boolean calibrated() {
        return calibrated;
    }

    public static PtqMethod parse(String name) {
        for (PtqMethod m : values()) {
            if (m.cliName.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--method '" + name + "' is not one of "
                + Arrays.stream(values()).map(PtqMethod::cliName).collect(Collectors.joining(", ")));
    }
}
