package io.qat4j.kernels;

import java.util.logging.Logger;

/** Picks each kernel family's implementation once, at class initialisation. */
final class KernelSelector {
    /** Set to {@code true} to force the scalar kernels (to rule the vector ones out when debugging). */
    static final String FORCE_SCALAR_PROPERTY = "qat4j.scalar";

    private static final boolean FORCE_SCALAR = Boolean.getBoolean(FORCE_SCALAR_PROPERTY);
    private static final boolean VECTOR_MODULE = vectorModulePresent();

    static final VectorOps BEST = select(VectorOps.class, "io.qat4j.kernels.PanamaOps", ScalarOps.INSTANCE,
            FORCE_SCALAR, VECTOR_MODULE);
    static final QuantizedDotOps BEST_QUANTIZED = select(QuantizedDotOps.class,
            "io.qat4j.kernels.PanamaQuantizedDotOps", ScalarQuantizedDotOps.INSTANCE, FORCE_SCALAR, VECTOR_MODULE);

    private KernelSelector() {}

    private static boolean vectorModulePresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present && !FORCE_SCALAR) {
            Logger.getLogger("io.qat4j").warning("the Vector API is not enabled (run java with --add-modules "
                    + "jdk.incubator.vector); using the slower scalar kernels");
        }
        return present;
    }

    /**
     * The implementation of a kernel family given the {@value #FORCE_SCALAR_PROPERTY} flag and whether
     * the JVM runs with {@code --add-modules jdk.incubator.vector}. The Vector-API class is loaded by
     * name, and only when the module is there, so this class never links against it.
     */
    static <T> T select(Class<T> family, String vectorClass, T scalar, boolean forceScalar, boolean vectorModulePresent) {
        if (forceScalar || !vectorModulePresent) {
            return scalar;
        }
        try {
            return family.cast(Class.forName(vectorClass).getField("INSTANCE").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            Logger.getLogger("io.qat4j").warning("Vector API kernels " + vectorClass + " unavailable (" + e
                    + "); using scalar kernels");
            return scalar;
        }
    }
}
