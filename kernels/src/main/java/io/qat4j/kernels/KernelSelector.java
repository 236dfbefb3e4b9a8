package io.qat4j.kernels;

import java.util.logging.Logger;

/** Picks the kernel implementation once, at class initialisation. */
final class KernelSelector {
    /** Set to {@code true} to force the scalar kernels (to rule the vector ones out when debugging). */
    static final String FORCE_SCALAR_PROPERTY = "qat4j.scalar";
    static final String PANAMA_CLASS = "io.qat4j.kernels.PanamaOps";

    static final VectorOps BEST = select(Boolean.getBoolean(FORCE_SCALAR_PROPERTY),
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());

    private KernelSelector() {}

    /**
     * The implementation to use given the {@value #FORCE_SCALAR_PROPERTY} flag and whether the JVM runs
     * with {@code --add-modules jdk.incubator.vector}. The Vector-API class is only loaded (by name)
     * when the module is there, so this class itself never links against it.
     */
    static VectorOps select(boolean forceScalar, boolean vectorModulePresent) {
        if (forceScalar) {
            return ScalarOps.INSTANCE;
        }
        if (!vectorModulePresent) {
            Logger.getLogger("io.qat4j").warning("the Vector API is not enabled (run java with --add-modules "
                    + "jdk.incubator.vector); using the slower scalar kernels");
            return ScalarOps.INSTANCE;
        }
        try {
            return (VectorOps) Class.forName(PANAMA_CLASS).getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            Logger.getLogger("io.qat4j").warning("Vector API kernels unavailable (" + e + "); using scalar kernels");
            return ScalarOps.INSTANCE;
        }
    }
}
