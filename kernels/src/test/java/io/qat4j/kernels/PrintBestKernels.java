package io.qat4j.kernels;

/** Prints which kernels {@link VectorOps#best()} chose in this JVM (run by {@link KernelSelectorTest}). */
public final class PrintBestKernels {
    private PrintBestKernels() {}

    public static void main(String[] args) {
        System.out.println("kernels: " + VectorOps.best().getClass().getSimpleName() + " "
                + QuantizedDotOps.best().getClass().getSimpleName());
    }
}
