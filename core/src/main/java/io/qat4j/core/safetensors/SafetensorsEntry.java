package io.qat4j.core.safetensors;

import java.util.Arrays;

/**
 * One tensor listed in a safetensors header.
 *
 * @param name   the tensor name
 * @param dtype  the element type
 * @param shape  the dimensions, row-major (the last one is contiguous)
 * @param begin  first byte of its data, counted from the end of the header
 * @param end    one past its last byte
 */
public record SafetensorsEntry(String name, SafetensorsDType dtype, long[] shape, long begin, long end) {

    public SafetensorsEntry {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteSize() {
        return end - begin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafetensorsEntry e && e.name.equals(name) && e.dtype == dtype
                && Arrays.equals(e.shape, shape) && e.begin == begin && e.end == end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
