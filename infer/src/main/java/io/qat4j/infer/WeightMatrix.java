package io.qat4j.infer;

import java.lang.foreign.MemorySegment;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.TensorInfo;
import io.qat4j.core.quant.TensorCodec;
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

    /** Whether the kernels read this format directly (else rows are dequantized first). */
    public boolean hasDirectKernel() {
        return switch (type) {
            case F32, F16, BF16, Q8_0, Q4_0 -> true;
            default -> false;
        };
    }

    /** W[r]·x[xOff..xOff+cols); {@code scratch} (≥ cols floats) is used for formats without a kernel. */
    public float dotRow(VectorOps ops, int r, float[] x, int xOff, float[] scratch) {
        long at = r * rowBytes;
        if (hasDirectKernel()) {
            return ops.dotRow(type, data, at, x, xOff, cols);
        }
        TensorCodec.of(type).dequantize(data, at, scratch, 0, cols);
        return ops.dot(scratch, 0, x, xOff, cols);
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
