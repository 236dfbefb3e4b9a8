package io.qat4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KernelSelectorTest {

    /** Surefire runs with --add-modules jdk.incubator.vector and without -Dqat4j.scalar. */
    @Test
    void picksTheVectorKernelsWhenTheModuleIsPresent() {
        assertThat(VectorOps.best()).isSameAs(PanamaOps.INSTANCE);
        assertThat(QuantizedDotOps.best()).isSameAs(PanamaQuantizedDotOps.INSTANCE);
        assertThat(select(false, true)).isSameAs(PanamaOps.INSTANCE);
    }

    @Test
    void theScalarFlagWins() {
        assertThat(select(true, true)).isSameAs(ScalarOps.INSTANCE);
        assertThat(select(true, false)).isSameAs(ScalarOps.INSTANCE);
    }

    @Test
    void withoutTheModuleTheScalarKernelsAreUsed() {
        assertThat(select(false, false)).isSameAs(ScalarOps.INSTANCE);
    }

    @Test
    void aMissingVectorClassFallsBackToScalar() {
        assertThat(KernelSelector.select(VectorOps.class, "io.qat4j.kernels.NoSuchOps", ScalarOps.INSTANCE, false, true))
                .isSameAs(ScalarOps.INSTANCE);
    }

    private static VectorOps select(boolean forceScalar, boolean modulePresent) {
        return KernelSelector.select(VectorOps.class, "io.qat4j.kernels.PanamaOps", ScalarOps.INSTANCE, forceScalar,
                modulePresent);
    }

    /** The same decisions end to end, in JVMs started with and without the flag and the module. */
    @Test
    void startUpChoiceInFreshJvms() throws Exception {
        var module = List.of("--add-modules", "jdk.incubator.vector");
        assertThat(ForkedJvm.run(module, PrintBestKernels.class).output())
                .contains("kernels: PanamaOps PanamaQuantizedDotOps");
        assertThat(ForkedJvm.run(List.of("--add-modules", "jdk.incubator.vector", "-Dqat4j.scalar=true"),
                PrintBestKernels.class).output()).contains("kernels: ScalarOps ScalarQuantizedDotOps");
        var withoutModule = ForkedJvm.run(List.of(), PrintBestKernels.class);
        assertThat(withoutModule.output()).contains("kernels: ScalarOps ScalarQuantizedDotOps")
                .contains("--add-modules jdk.incubator.vector");
    }
}
