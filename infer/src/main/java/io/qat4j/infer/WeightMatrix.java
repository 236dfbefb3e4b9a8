package io.qat4j.infer;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.core.quant.TensorCodec;
import io.qat4j.kernels.MatMulScratch;
import io.qat4j.kernels.VectorOps;

/**
 * A weight matrix in its storage format, still in the memory mapping: {@code rows} rows of
 * {@code cols} values (GGUF ne = [cols, rows]); row r starts at byte {@code r·rowBytes}.
 */
public record WeightMatrix(String name, GgmlType type, int rows, int cols, long rowBytes, MemorySegment data) {

    public static WeightMatrix of(TensorInfo info, MemorySegment data) {
        if (info.nDims() > 2) {
            throw new IllegalArgumentException("tensor '" + info.name() + "' has " + info.nDims()
                    + " dimensions; a weight matrix has 2");
        }
        int cols = Math.toIntExact(info.dim(0));
        int rows = Math.toIntExact(info.dim(1));
        return new WeightMatrix(info.name(), info.type(), rows, cols, info.type().bytesFor(cols), data);
    }

    /**
     * {@code out[outOff + t·outStride + r] = W[r] · x[xOff + t·xStride ..+cols)} for rows r in [r0, r1) and
     * tokens t in [0, tokens): each weight is read once for all the tokens (see {@link VectorOps#matmul}).
     */
    public void matmul(VectorOps ops, int r0, int r1, float[] x, int xOff, int xStride, int tokens, float[] out,
            int outOff, int outStride, MatMulScratch scratch) {
        ops.matmul(type, data, 0, rowBytes, cols, r0, r1, x, xOff, xStride, tokens, out, outOff, outStride, scratch);
    }

    /** Row r as floats (an embedding lookup). */
    public void dequantizeRow(int r, float[] out, int outOff) {
        TensorCodec.of(type).dequantize(data, r * rowBytes, out, outOff, cols);
    }

    /** Bytes this matrix occupies. */
    public long byteSize() {
        return rows * rowBytes;
    }
}
