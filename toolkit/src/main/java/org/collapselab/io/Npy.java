package org.collapselab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;

/** NumPy {@code .npy} files of float matrices: read (versions 1.0 and 2.0, {@code <f2}, {@code <f4} and {@code <f8}) and written ({@code <f4}). */
final class Npy {
    private Npy() {}

    private static final Pattern STRUCTURED = Pattern.compile("'descr'\\s*:\\s*\\[");
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads a NumPy {@code .npy} file (see the class comment for what is accepted). */
    static MatrixFile read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return read(b, file.toString());
    }

    /** What a {@code .npy} header says: dtype, order, shape, and where the data starts. */
    record Header(String descr, boolean fortran, long[] shape, int dataStart) {
        /** The element type as PyTorch names it ({@code float32}, {@code int64}, ...), or the descr itself. */
        String dtype() {
            return switch (descr) {
                case "<f2" -> "float16";
                case "<f4" -> "float32";
                case "<f8" -> "float64";
                case "|b1" -> "bool";
                default -> descr.matches("[<|][iu][1248]") ? (descr.charAt(1) == 'u' ? "uint" : "int") + 8 * (descr.charAt(2) - '0') : descr;
            };
        }
    }

    /** Parses the header of a {@code .npy} file's bytes, whatever its dtype and rank; {@code src} names it in messages. */
    static Header header(byte[] b, String src) {
        if (b.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(b, 6), MatrixFile.MAGIC))
            throw new IllegalArgumentException(src + ": not a NumPy .npy file (it does not start with \\x93NUMPY)");
        int major = b[6] & 0xff, minor = b[7] & 0xff;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int start;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2) {
            if (b.length < 12) throw new IllegalArgumentException(src + ": truncated .npy header");
            headerLen = bb.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new IllegalArgumentException(src + ": .npy format version " + major + "." + minor + " is not supported (1.0 and 2.0 are)");
        }
        if (start + headerLen > b.length) throw new IllegalArgumentException(src + ": truncated .npy header (" + headerLen + " bytes announced)");
        String header = new String(b, start, (int) headerLen, StandardCharsets.ISO_8859_1);
        if (STRUCTURED.matcher(header).find())
            throw new IllegalArgumentException(src + ": the dtype is structured (named fields: " + header.strip() + "); an embedding table "
                    + "is a plain 2-D float array: save one field, or a float32 copy (np.ascontiguousarray(a[name], dtype='<f4'))");
        String descr = group(DESCR, header, "descr", src), fortran = group(FORTRAN, header, "fortran_order", src), shape = group(SHAPE, header, "shape", src);
        String[] dims = shape.strip().isEmpty() ? new String[0] : shape.split(",");
        List<Long> d = new ArrayList<>();
        for (String s : dims) {
            if (s.isBlank()) continue;
            try {
                d.add(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(src + ": the .npy shape (" + shape + ") holds '" + s.strip() + "', not an integer");
            }
        }
        return new Header(descr, fortran.equals("True"), d.stream().mapToLong(Long::longValue).toArray(), (int) (start + headerLen));
    }

    /** Parses the bytes of a {@code .npy} file; {@code src} names it in messages. */
    static MatrixFile read(byte[] b, String src) {
        Header h = header(b, src);
        String descr = h.descr(), shape = java.util.Arrays.toString(h.shape());
        int itemSize = switch (descr) {
            case "<f2" -> 2;
            case "<f4" -> 4;
            case "<f8" -> 8;
            case ">f2", ">f4", ">f8" -> throw new IllegalArgumentException(src + ": dtype '" + descr + "' is big-endian; save it little-endian "
                    + "(array.astype('<f4')) — supported dtypes are <f2, <f4 and <f8");
            default -> throw new IllegalArgumentException(src + ": dtype '" + descr + "' is not supported; supported are <f2 (float16), <f4 (float32) and "
                    + "<f8 (float64), little-endian (array.astype('float32'))");
        };
        if (h.fortran())
            throw new IllegalArgumentException(src + ": Fortran-order arrays are not supported; save a C-order copy (np.ascontiguousarray)");
        if (h.shape().length != 2) throw new IllegalArgumentException(src + ": shape " + shape + " is not 2-D; an embedding table is rows × columns");
        long rows = h.shape()[0], cols = h.shape()[1];
        if (rows < 1 || cols < 1) throw new IllegalArgumentException(src + ": empty array, shape " + shape);
        long cells;
        try {
            cells = Math.multiplyExact(rows, cols);
        } catch (ArithmeticException overflow) {
            cells = Long.MAX_VALUE;    // a shape whose size overflows a long is too large as well
        }
        if (cells > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(src + ": " + rows + " x " + cols + " is too large");
        long need = h.dataStart() + rows * cols * itemSize;
        if (b.length != need)
            throw new IllegalArgumentException(src + ": shape " + shape + " of " + descr + " needs " + (need - h.dataStart()) + " data bytes, the file has "
                    + (b.length - h.dataStart()));
        ElementType type = ElementType.named(h.dtype());
        ByteBuffer data = ByteBuffer.wrap(b, h.dataStart(), b.length - h.dataStart()).slice().order(ByteOrder.LITTLE_ENDIAN);
        return StridedTable.read(type, data, 0, h.shape(), StridedTable.contiguous(h.shape()), src, ".npy " + descr + ", " + rows + " x " + cols);
    }

    private static String group(Pattern p, String header, String key, String src) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IllegalArgumentException(src + ": the .npy header has no '" + key + "': " + header.strip());
        return m.group(1);
    }

    /** Writes a [rows, cols] array as a NumPy 1.0 {@code .npy} file of {@code <f4} (atomically). */
    static void write(INDArray matrix, Path file) {
        if (matrix.rank() != 2) throw new IllegalArgumentException("expected a 2-D matrix, got shape " + java.util.Arrays.toString(matrix.shape()));
        float[] v = matrix.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        write(v, (int) matrix.rows(), (int) matrix.columns(), file);
    }

    /** Writes a row-major {@code rows × cols} float array as a NumPy 1.0 {@code .npy} file of {@code <f4} (atomically). */
    static void write(float[] values, int rows, int cols, Path file) {
        byte[] bytes = bytes(values, rows, cols, file.toString());
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The bytes of a NumPy 1.0 {@code .npy} file of {@code <f4} holding a row-major {@code rows × cols} array. */
    static byte[] bytes(float[] values, int rows, int cols, String what) {
        new MatrixFile(values, rows, cols, what);    // validates the shape
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + dict.length() + 1;                     // preamble + dict + '\n', padded to a multiple of 64
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MatrixFile.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float f : values) bb.putFloat(f);
        return bb.array();
    }

}
