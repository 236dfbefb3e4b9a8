package io.qat4j.core.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.TensorInfo;

/** Q8_0 and Q4_0 on hand-worked blocks: ties, signs, clamping, zero blocks, byte layout. */
class BlockQuantizerExamplesTest {

    private static float[] block(float... head) {
        float[] x = new float[32];
        System.arraycopy(head, 0, x, 0, head.length);
        return x;
    }

    @Test
    void q8_0RoundsHalfAwayFromZero() {
        // amax 127 makes d = 1 and id = 1 exactly, so x·id is x and every .5 is a tie.
        float[] x = block(127, 0.5f, -0.5f, 1.5f, -2.5f, 126.5f, -126.5f, 0.49999997f);
        byte[] codes = new byte[32];
        short d = Q8_0Codec.quantizeBlock(x, 0, codes);
        assertThat(d).isEqualTo((short) 0x3C00); // fp16 1.0
        assertThat(codes).startsWith(127, 1, -1, 2, -3, 127, -127, 0);
        assertThat(Q8_0Codec.roundHalfAwayFromZero(2.5f)).isEqualTo(3);
        assertThat(Q8_0Codec.roundHalfAwayFromZero(-0.5f)).isEqualTo(-1);
        assertThat(Q8_0Codec.roundHalfAwayFromZero(0.49999997f)).as("no float-addition double rounding").isZero();
        assertThat(Q8_0Codec.roundHalfAwayFromZero(8388609f)).isEqualTo(8388609);
    }

    @Test
    void q8_0NegativeMaximumAndByteLayout() {
        float[] x = block(-127, 64, -1);
        MemorySegment out = Q8_0Codec.INSTANCE.quantize(x);
        assertThat(out.byteSize()).isEqualTo(34);
        assertThat(out.get(TensorCodec.LE_SHORT, 0)).isEqualTo((short) 0x3C00);
        assertThat(out.get(ValueLayout.JAVA_BYTE, 2)).isEqualTo((byte) -127);
        assertThat(out.get(ValueLayout.JAVA_BYTE, 3)).isEqualTo((byte) 64);
        assertThat(out.get(ValueLayout.JAVA_BYTE, 4)).isEqualTo((byte) -1);
        assertThat(out.get(ValueLayout.JAVA_BYTE, 33)).isZero();
    }

    @Test
    void q8_0UsesTheUnroundedScaleForCodes() {
        // amax 1: d = 1/127 in float, fp16(d) = 0x2008 (0.0078735...), codes from the float reciprocal.
        float[] x = block(1, -1, 0.5f);
        byte[] codes = new byte[32];
        short d = Q8_0Codec.quantizeBlock(x, 0, codes);
        assertThat(d).isEqualTo(Float.floatToFloat16(1f / 127f));
        assertThat(codes).startsWith(127, -127, 64); // 0.5·127.00000x = 63.5000x rounds to 64
        float[] back = new float[32];
        Q8_0Codec.INSTANCE.roundTrip(x, 0, 32, back, 0);
        assertThat(back[0]).isEqualTo(Float.float16ToFloat(d) * 127);
    }

    @Test
    void q4_0TruncatesXTimesIdPlus8Point5() {
        // m = -8 gives d = 1 and id = 1: q = trunc(x + 8.5), clamped to 15.
        float[] x = block(-8, -0.5f, 0.5f, 7.5f, 7, -7.5f, 0, -0.4f, 6.49f);
        byte[] codes = new byte[32];
        short d = Q4_0Codec.quantizeBlock(x, 0, codes);
        assertThat(d).isEqualTo((short) 0x3C00);
        assertThat(codes).startsWith(0, 8, 9, 15, 15, 1, 8, 8, 14);
        float[] back = new float[32];
        Q4_0Codec.INSTANCE.roundTrip(x, 0, 32, back, 0);
        assertThat(back).startsWith(-8, 0, 1, 7, 7, -7, 0, 0, 6);
    }

    @Test
    void q4_0PositiveMaximumFlipsTheScaleAndClampsTheOtherSide() {
        float[] x = block(8, -8, 4);
        byte[] codes = new byte[32];
        short d = Q4_0Codec.quantizeBlock(x, 0, codes);
        assertThat(d).isEqualTo((short) 0xBC00); // d = 8 / -8 = -1
        assertThat(codes).startsWith(0, 15, 4); // -8·-1 + 8.5 = 16.5 → 16 → clamped to 15
        float[] back = new float[32];
        Q4_0Codec.INSTANCE.roundTrip(x, 0, 32, back, 0);
        assertThat(back).startsWith(8, -7, 4);
    }

    @Test
    void q4_0FirstValueWinsATieForTheMaximum() {
        byte[] codes = new byte[32];
        assertThat(Q4_0Codec.quantizeBlock(block(4, -4), 0, codes)).isEqualTo(Float.floatToFloat16(-0.5f));
        assertThat(Q4_0Codec.quantizeBlock(block(-4, 4), 0, codes)).isEqualTo(Float.floatToFloat16(0.5f));
    }

    @Test
    void zeroBlocks() {
        byte[] codes = new byte[32];
        // ggml starts from max = 0 and computes d = 0 / -8, a negative zero: fp16 0x8000.
        assertThat(Q4_0Codec.quantizeBlock(new float[32], 0, codes)).isEqualTo((short) 0x8000);
        assertThat(codes).containsOnly(8);
        assertThat(Q8_0Codec.quantizeBlock(new float[32], 0, codes)).isZero();
        assertThat(codes).containsOnly(0);
    }

    @Test
    void q4_0NibbleLayout() {
        // Element j is the low nibble of byte j, element j + 16 its high nibble.
        float[] x = block(-8, -7);
        x[16] = 7;
        x[17] = 6;
        MemorySegment out = Q4_0Codec.INSTANCE.quantize(x);
        assertThat(out.byteSize()).isEqualTo(18);
        assertThat(out.get(ValueLayout.JAVA_BYTE, 2)).isEqualTo((byte) 0xF0); // codes 0 and 15
        assertThat(out.get(ValueLayout.JAVA_BYTE, 3)).isEqualTo((byte) 0xE1); // codes 1 and 14
        assertThat(out.get(ValueLayout.JAVA_BYTE, 4)).isEqualTo((byte) 0x88); // zeros: code 8
    }

    @Test
    void partialBlocksAreRejected() {
        assertThatThrownBy(() -> Q4_0Codec.INSTANCE.quantize(new float[33])).hasMessageContaining("Q4_0")
                .hasMessageContaining("blocks of 32");
        assertThatThrownBy(() -> Q8_0Codec.INSTANCE.dequantize(MemorySegment.ofArray(new byte[68]), 0, new float[40], 0, 40))
                .hasMessageContaining("got 40");
    }

    @Test
    void unsupportedTypesGetAClearMessage() {
        assertThatThrownBy(() -> TensorCodec.of(GgmlType.Q5_K)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Q5_K is not supported")
                .hasMessageContaining("F32, F16, Q4_0, Q8_0, Q4_K, Q6_K, BF16");
        var t = new TensorInfo("blk.3.ffn_down.weight", new long[] {256, 4}, GgmlType.IQ4_XS, 0);
        assertThatThrownBy(() -> TensorCodec.forTensor("model.gguf", t)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("model.gguf").hasMessageContaining("blk.3.ffn_down.weight")
                .hasMessageContaining("IQ4_XS");
        assertThatThrownBy(() -> Q4_KCodec.INSTANCE.quantize(new float[256])).hasMessageContaining("reads Q4_K but does not write it");
        assertThat(Q6_KCodec.INSTANCE.canQuantize()).isFalse();
    }
}
