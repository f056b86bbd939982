package org.collapselab.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.collapselab.data.AtomicFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float matrix read from a file: an external embedding table for {@link CollapseReport}.
 *
 * <ul>
 *   <li><b>NumPy {@code .npy}</b> (format versions 1.0 and 2.0): dtype {@code <f4} or {@code <f8} (little-endian
 *   float32/float64), C order, 2-D shape. Other dtypes, big-endian data, Fortran order, other ranks and truncated
 *   files are refused with a message that says what was found. {@code <f8} values are narrowed to float.</li>
 *   <li><b>CSV</b> (any other extension): one row per line, values separated by commas (or, for a line without
 *   commas, by whitespace); an optional header line (a first line that is not all numbers); blank lines are
 *   skipped; every row must have the same number of values. Errors name {@code file:line} and the bad value.</li>
 * </ul>
 *
 * <pre>{@code
 * MatrixFile m = MatrixFile.read(Path.of("item_embeddings.npy"));
 * MatrixFile.writeNpy(model.embeddings().table(0), Path.of("table.npy"));    // export a learned table
 * }</pre>
 *
 * @param values row-major values, {@code rows × cols}
 * @param rows   number of rows
 * @param cols   number of columns
 * @param source where it was read from (for messages)
 */
public record MatrixFile(float[] values, int rows, int cols, String source) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    public MatrixFile {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(source, "source");
        if (rows < 1 || cols < 1) throw new IllegalArgumentException(source + ": empty matrix (" + rows + " x " + cols + ")");
        if ((long) rows * cols != values.length)
            throw new IllegalArgumentException(source + ": " + rows + " x " + cols + " needs " + (long) rows * cols + " values, got " + values.length);
    }

    /** Reads {@code .npy} by extension (case-insensitive), anything else as CSV. */
    public static MatrixFile read(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy") ? readNpy(file) : readCsv(file);
    }

    /** The values as a FLOAT INDArray [rows, cols] (a copy). */
    public INDArray toArray() {
        return Nd4j.create(values.clone(), new long[]{rows, cols}, 'c');
    }

    // ------------------------------------------------------------------ NumPy

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads a NumPy {@code .npy} file (see the class comment for what is accepted). */
    public static MatrixFile readNpy(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        String src = file.toString();
        if (b.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(b, 6), MAGIC))
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
        String descr = group(DESCR, header, "descr", src), fortran = group(FORTRAN, header, "fortran_order", src), shape = group(SHAPE, header, "shape", src);
        int itemSize = switch (descr) {
            case "<f4" -> 4;
            case "<f8" -> 8;
            case ">f4", ">f8" -> throw new IllegalArgumentException(src + ": dtype '" + descr + "' is big-endian; save it little-endian "
                    + "(array.astype('<f4')) — supported dtypes are <f4 and <f8");
            default -> throw new IllegalArgumentException(src + ": dtype '" + descr + "' is not supported; supported are <f4 (float32) and "
                    + "<f8 (float64), little-endian (array.astype('float32'))");
        };
        if (fortran.equals("True"))
            throw new IllegalArgumentException(src + ": Fortran-order arrays are not supported; save a C-order copy (np.ascontiguousarray)");
        String[] dims = shape.strip().isEmpty() ? new String[0] : shape.split(",");
        List<Long> d = new ArrayList<>();
        for (String s : dims) if (!s.isBlank()) d.add(Long.parseLong(s.strip()));
        if (d.size() != 2) throw new IllegalArgumentException(src + ": shape (" + shape + ") is not 2-D; an embedding table is rows × columns");
        long rows = d.get(0), cols = d.get(1);
        if (rows < 1 || cols < 1) throw new IllegalArgumentException(src + ": empty array, shape (" + shape + ")");
        if (rows * cols > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(src + ": " + rows + " x " + cols + " is too large");
        long need = start + headerLen + rows * cols * itemSize;
        if (b.length != need)
            throw new IllegalArgumentException(src + ": shape (" + shape + ") of " + descr + " needs " + (need - start - headerLen) + " data bytes, the file has "
                    + (b.length - start - headerLen));
        float[] v = new float[(int) (rows * cols)];
        int p = (int) (start + headerLen);
        for (int i = 0; i < v.length; i++) v[i] = itemSize == 4 ? bb.getFloat(p + 4 * i) : (float) bb.getDouble(p + 8 * i);
        return new MatrixFile(v, (int) rows, (int) cols, src);
    }

    private static String group(Pattern p, String header, String key, String src) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IllegalArgumentException(src + ": the .npy header has no '" + key + "': " + header.strip());
        return m.group(1);
    }

    /** Writes a [rows, cols] array as a NumPy 1.0 {@code .npy} file of {@code <f4} (atomically). */
    public static void writeNpy(INDArray matrix, Path file) {
        if (matrix.rank() != 2) throw new IllegalArgumentException("expected a 2-D matrix, got shape " + java.util.Arrays.toString(matrix.shape()));
        float[] v = matrix.castTo(DataType.FLOAT).dup('c').data().asFloat();
        writeNpy(v, (int) matrix.rows(), (int) matrix.columns(), file);
    }

    /** Writes a row-major {@code rows × cols} float array as a NumPy 1.0 {@code .npy} file of {@code <f4} (atomically). */
    public static void writeNpy(float[] values, int rows, int cols, Path file) {
        new MatrixFile(values, rows, cols, file.toString());    // validates the shape
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + dict.length() + 1;                     // preamble + dict + '\n', padded to a multiple of 64
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float f : values) bb.putFloat(f);
        byte[] bytes = bb.array();
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    // ------------------------------------------------------------------ CSV

    /** Reads a CSV (or whitespace-separated) matrix of numbers with an optional header line. */
    public static MatrixFile readCsv(Path file) {
        String src = file.toString();
        List<float[]> rows = new ArrayList<>();
        int cols = -1, firstDataLine = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            boolean seenContent = false;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                String[] parts = line.indexOf(',') >= 0 ? line.split(",", -1) : line.strip().split("\\s+");
                if (!seenContent) {
                    seenContent = true;
                    if (!allNumbers(parts)) continue;    // a header line
                }
                if (cols < 0) {
                    cols = parts.length;
                    firstDataLine = n;
                } else if (parts.length != cols)
                    throw new IllegalArgumentException(src + ":" + n + ": " + parts.length + " values, expected " + cols + " (as on line " + firstDataLine + ")");
                float[] row = new float[cols];
                for (int c = 0; c < cols; c++) {
                    String t = parts[c].strip();
                    float v;
                    try {
                        v = Float.parseFloat(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(src + ":" + n + ": column " + (c + 1) + ": '" + t + "' is not a number");
                    }
                    if (!Float.isFinite(v))
                        throw new IllegalArgumentException(src + ":" + n + ": column " + (c + 1) + ": '" + t + "' is not finite (or overflows float)");
                    row[c] = v;
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(src + ": cannot read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(src + ": no rows of numbers");
        float[] v = new float[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, v, r * cols, cols);
        return new MatrixFile(v, rows.size(), cols, src);
    }

    private static boolean allNumbers(String[] parts) {
        for (String p : parts) {
            try {
                Float.parseFloat(p.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatrixFile m && rows == m.rows && cols == m.cols && java.util.Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(rows, cols, java.util.Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "MatrixFile[" + source + ", " + rows + " x " + cols + "]";
    }
}
