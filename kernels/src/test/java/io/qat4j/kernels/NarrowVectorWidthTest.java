package io.qat4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Repeats the PanamaOps-vs-scalar checks in JVMs limited to 128- and 256-bit vectors (NEON/SSE-
 * and AVX2-class machines), whose code paths this machine's widest vectors never take: e.g. with
 * 4 float lanes each 8-byte load of quantized codes widens in two parts.
 */
class NarrowVectorWidthTest {

    @ParameterizedTest
    @ValueSource(ints = {128, 256})
    void kernelsAgreeWithScalarAtWidth(int bits) throws Exception {
        var result = ForkedJvm.run(List.of("--add-modules", "jdk.incubator.vector", "-XX:MaxVectorSize=" + bits / 8),
                KernelChecks.class, "77");
        assertThat(result.output()).as("exit %d", result.exitCode()).contains("ok PanamaOps PanamaQuantizedDotOps " + bits + " bits");
        assertThat(result.exitCode()).isZero();
    }
}
