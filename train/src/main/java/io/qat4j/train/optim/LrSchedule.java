package io.qat4j.train.optim;

/**
 * Linear warm-up then cosine decay to a floor, as the PyTorch peer schedules it: step s (0-based) uses
 * {@code peak·(s+1)/warmup} during warm-up, then {@code min + (peak − min)·½(1 + cos(π·p))} with p the
 * fraction of the remaining steps done (clamped to 1).
 */
public record LrSchedule(double peak, double min, int warmupSteps, int totalSteps) {

    public LrSchedule {
        if (!(peak > 0) || !(min >= 0) || min > peak) {
            throw new IllegalArgumentException("learning rates must satisfy 0 <= min (" + min + ") <= peak (" + peak + ")");
        }
        if (warmupSteps < 0 || totalSteps < 1) {
            throw new IllegalArgumentException("warm-up steps must be >= 0 and total steps >= 1");
        }
    }

    public double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double p = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return min + (peak - min) * 0.5 * (1 + StrictMath.cos(Math.PI * Math.min(1.0, p)));
    }
}
