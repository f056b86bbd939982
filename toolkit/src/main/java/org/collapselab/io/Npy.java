package org.collapselab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /** Files above this are read in pieces (one byte array holds at most 2^31 bytes). */
    static final long IN_MEMORY = Integer.MAX_VALUE - 8;

    /** Reads a NumPy {@code .npy} file (see the class comment for what is accepted). */
    static MatrixFile read(Path file) {
        return read(file, IN_MEMORY);
    }

    /** As {@link #read(Path)}; files above {@code inMemory} bytes are read in pieces of rows (small in tests). */
    static MatrixFile read(Path file, long inMemory) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (size > inMemory) return readInPieces(file, inMemory);
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
        ElementType type = checkMatrix(h, b.length - h.dataStart(), src);
        ByteBuffer data = ByteBuffer.wrap(b, h.dataStart(), b.length - h.dataStart()).slice().order(ByteOrder.LITTLE_ENDIAN);
        return StridedTable.read(type, data, 0, h.shape(), StridedTable.contiguous(h.shape()), src, layout(h));
    }

    private static String layout(Header h) {
        return ".npy " + h.descr() + ", " + h.shape()[0] + " x " + h.shape()[1];
    }

    /** A file too large for one byte array, read rows at a time: the same checks and messages as {@link #read(byte[], String)}. */
    private static MatrixFile readInPieces(Path file, long pieceBytes) {
        String src = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 16));
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // the header is within the first 64 KiB (NumPy pads it to a multiple of 64 bytes)
            }
            Header h = header(java.util.Arrays.copyOf(head.array(), head.position()), src);
            ElementType type = checkMatrix(h, ch.size() - h.dataStart(), src);
            long rows = h.shape()[0], cols = h.shape()[1];
            long rowBytes = cols * type.bytes;
            int perPiece = (int) Math.max(1, Math.min(rows, Math.min(pieceBytes, 1 << 26) / rowBytes));
            float[] v = new float[(int) (rows * cols)];
            long underflows = 0;
            ByteBuffer piece = ByteBuffer.allocate((int) (perPiece * rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
            for (long r = 0; r < rows; r += perPiece) {
                int n = (int) Math.min(perPiece, rows - r);
                piece.clear().limit((int) (n * rowBytes));
                long at = h.dataStart() + r * rowBytes;
                while (piece.hasRemaining()) {
                    int got = ch.read(piece, at + piece.position());
                    if (got < 0) throw new IllegalArgumentException(src + ": truncated while reading row " + r);
                }
                underflows += StridedTable.decode(type, piece, 0, new long[]{n, cols}, new long[]{cols, 1}, src, v, (int) (r * cols), r);
            }
            return new MatrixFile(v, (int) rows, (int) cols, src, layout(h) + ", read in pieces" + MatrixFile.underflowNote(underflows));
        } catch (IOException e) {
            throw new UncheckedIOException(src + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The element type of a 2-D little-endian float {@code .npy} of {@code dataBytes} data bytes; refused naming what is wrong. */
    private static ElementType checkMatrix(Header h, long dataBytes, String src) {
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
        if (dataBytes != cells * itemSize)
            throw new IllegalArgumentException(src + ": shape " + shape + " of " + descr + " needs " + cells * itemSize + " data bytes, the file has " + dataBytes);
        return ElementType.named(h.dtype());
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
        AtomicFiles.write(file, out -> write(values, rows, cols, out, file.toString()));
    }

    /** The bytes of a NumPy 1.0 {@code .npy} file of {@code <f4} holding a row-major {@code rows × cols} array. */
    static byte[] bytes(float[] values, int rows, int cols, String what) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try {
            write(values, rows, cols, b, what);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** A NumPy 1.0 {@code .npy} file of {@code <f4} onto {@code out}, streamed: any table a float array holds (2 GB files and more). */
    static void write(float[] values, int rows, int cols, java.io.OutputStream out, String what) throws IOException {
        new MatrixFile(values, rows, cols, what);    // validates the shape
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + dict.length() + 1;                     // preamble + dict + '\n', padded to a multiple of 64
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MatrixFile.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bb.array(), 0, bb.position());
        for (int i = 0; i < values.length; ) {
            int n = Math.min(bb.capacity() / Float.BYTES, values.length - i);
            bb.clear();
            bb.asFloatBuffer().put(values, i, n);
            out.write(bb.array(), 0, n * Float.BYTES);
            i += n;
        }
    }

}
