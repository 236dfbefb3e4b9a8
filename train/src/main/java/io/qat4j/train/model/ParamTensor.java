package io.qat4j.train.model;

/**
 * One named parameter inside the flat parameter array.
 *
 * @param name    the GGUF tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param offset  first float in the flat array
 * @param rows    torch rows ([out, in] for a linear weight; 1 for a norm)
 * @param cols    torch columns: the contiguous input dimension (GGUF ne0)
 */
public record ParamTensor(String name, int offset, int rows, int cols) {

    public int size() {
        return rows * cols;
    }

    /** Matrices are decayed and may be fake-quantized; 1-D norm gains are neither. */
    public boolean isMatrix() {
        return rows > 1;
    }

    /** Shape in torch / safetensors order. */
    public long[] shape() {
        return isMatrix() ? new long[] {rows, cols} : new long[] {cols};
    }

    /** Dimensions in GGUF order (ne0 = cols first). */
    public long[] ggufNe() {
        return isMatrix() ? new long[] {cols, rows} : new long[] {cols};
    }
}
