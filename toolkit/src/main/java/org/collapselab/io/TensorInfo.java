package org.collapselab.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a file says about one stored tensor, before its values are read: its key, element type and shape.
 *
 * @param name  the key (a {@code state_dict} key, an {@code .npz} member, a {@code .safetensors} name)
 * @param dtype the element type as PyTorch names it ({@code float32}, {@code float16}, {@code bfloat16}, {@code float64},
 *              {@code int64}, ...)
 * @param shape the dimensions
 */
public record TensorInfo(String name, String dtype, long[] shape) {
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = shape.clone();
    }

    /** Whether its values are floating point of a type this toolkit reads (float16, bfloat16, float32, float64). */
    public boolean floating() {
        return ElementType.named(dtype) != null;
    }

    /** Whether it is a 2-D floating tensor: a table the collapse measures apply to. */
    public boolean table() {
        return shape.length == 2 && floating();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype.equals(t.dtype) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }

    /** {@code name [rows, cols] dtype}. */
    @Override
    public String toString() {
        return name + " " + Arrays.toString(shape) + " " + dtype;
    }
}
