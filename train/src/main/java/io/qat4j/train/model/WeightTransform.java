package io.qat4j.train.model;

/**
 * What the forward pass sees of a master weight. The identity trains plain float weights; a fake
 * quantizer ({@link FakeQuantTransform}) makes the forward pass use exactly what export will ship.
 *
 * <p>Gradients are computed with respect to the transformed weight and, by default, handed to the
 * master weight unchanged (the straight-through estimator). A transform with its own parameters
 * (learned scales) can override {@link #backward} to reshape that gradient.
 */
public interface WeightTransform {

    /** The identity: the forward pass uses the master weight as it is. */
    WeightTransform IDENTITY = new WeightTransform() {
        @Override
        public void forward(float[] master, int off, int rows, int cols, float[] out) {
            System.arraycopy(master, off, out, off, rows * cols);
        }

        @Override
        public String toString() {
            return "float";
        }
    };

    /** Writes the forward-pass weight of {@code master[off .. off+rows·cols)} to the same range of out. */
    void forward(float[] master, int off, int rows, int cols, float[] out);

    /**
     * Turns the gradient with respect to the forward weight (in {@code grad[off..]}) into the gradient
     * of the master weight, in place. The default is the straight-through estimator: nothing changes.
     */
    default void backward(float[] master, float[] grad, int off, int rows, int cols) {}
}
