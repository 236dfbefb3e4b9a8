package io.qat4j.kernels;

import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Shuffles that fold a vector onto itself: lane i takes lane i + L/2, then i + L/4, ... Adding a
 * vector to its folds leaves the horizontal sum in lane 0 in a fixed order. {@code reduceLanes(ADD)}
 * leaves the order to the implementation, and its compiled and interpreted forms differ, so the same
 * inputs could give different bits before and after the JIT compiled a kernel; a batched prefill and a
 * token-by-token decode would then disagree in the last bit.
 *
 * <p>Use: {@code for (var f : FOLDS) v = v.add(v.rearrange(f)); float s = v.lane(0);}
 */
final class LaneFolds {
    private LaneFolds() {}

    @SuppressWarnings("unchecked")
    static <E> VectorShuffle<E>[] of(VectorSpecies<E> species) {
        int lanes = species.length();
        int steps = Integer.numberOfTrailingZeros(lanes);
        VectorShuffle<E>[] folds = new VectorShuffle[steps];
        for (int k = 0; k < steps; k++) {
            folds[k] = VectorShuffle.iota(species, lanes >> (k + 1), 1, true);
        }
        return folds;
    }
}
