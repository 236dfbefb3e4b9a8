package io.qat4j.train.qat;

/** What quantization-aware training minimises. */
public enum QatLoss {
    /** Distillation: T²·KL(teacher ‖ student) on the next-token distributions ({@link Distillation}). */
    KD,
    /** Cross-entropy on the data, as float training. */
    CE;

    public static QatLoss parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "kd" -> KD;
            case "ce" -> CE;
            default -> throw new IllegalArgumentException("--loss '" + name + "' is not kd or ce");
        };
    }
}
