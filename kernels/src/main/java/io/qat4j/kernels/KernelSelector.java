package io.qat4j.kernels;

import java.util.logging.Logger;

/** Picks the kernel implementation once, at class initialisation. */
final class KernelSelector {
    static final VectorOps BEST = select();

    private KernelSelector() {}

    private static VectorOps select() {
        if (Boolean.getBoolean("qat4j.scalar")) {
            return ScalarOps.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            Logger.getLogger("io.qat4j").warning("the Vector API is not enabled (run java with --add-modules "
                    + "jdk.incubator.vector); using the slower scalar kernels");
            return ScalarOps.INSTANCE;
        }
        try {
            return (VectorOps) Class.forName("io.qat4j.kernels.PanamaOps").getField("INSTANCE").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            Logger.getLogger("io.qat4j").warning("Vector API kernels unavailable (" + e + "); using scalar kernels");
            return ScalarOps.INSTANCE;
        }
    }
}
