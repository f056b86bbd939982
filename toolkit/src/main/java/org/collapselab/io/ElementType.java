package org.collapselab.io;

import java.nio.ByteBuffer;

/** The floating element types a stored tensor may have, by their PyTorch names, and how one little-endian element is read. */
enum ElementType {
    FLOAT16("float16", 2),
    BFLOAT16("bfloat16", 2),
    FLOAT32("float32", 4),
    FLOAT64("float64", 8);

    final String torchName;
    final int bytes;

    ElementType(String torchName, int bytes) {
        this.torchName = torchName;
        this.bytes = bytes;
    }

    /** The type PyTorch calls {@code name}, or null when it is not one of these. */
    static ElementType named(String name) {
        for (ElementType t : values()) if (t.torchName.equals(name)) return t;
        return null;
    }

    /** Element {@code index} (in elements) of a little-endian buffer, widened to double. */
    double read(ByteBuffer le, long index) {
        int at = Math.toIntExact(index * bytes);
        return switch (this) {
            case FLOAT16 -> halfToFloat(le.getShort(at));
            case BFLOAT16 -> Float.intBitsToFloat((le.getShort(at) & 0xffff) << 16);
            case FLOAT32 -> le.getFloat(at);
            case FLOAT64 -> le.getDouble(at);
        };
    }

    /** IEEE 754 binary16 to float, exactly (subnormals, infinities and NaN included). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff, sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1f, mant = bits & 0x3ff;
        if (exp == 0x1f) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        if (exp == 0) {
            float v = mant * 0x1p-24f;            // subnormal (or zero): mant · 2^-24
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
