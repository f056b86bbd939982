package org.collapselab.io;

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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A float matrix read from a file: an external embedding table for {@link CollapseReport}.
 *
 * <ul>
 *   <li><b>NumPy {@code .npy}</b> (format versions 1.0 and 2.0): dtype {@code <f4} or {@code <f8} (little-endian
 *   float32/float64), C order, 2-D shape. Other dtypes, big-endian data, Fortran order, other ranks and truncated
 *   files are refused with a message that says what was found. {@code <f8} values are narrowed to float; one beyond
 *   float range, and any NaN or infinity, is refused naming its row and column; nonzero values below float range
 *   become 0 and are counted in the layout.</li>
 *   <li><b>CSV</b> (any other extension): one row per line, values separated by commas (or, for a line without
 *   commas, by whitespace); a header line by the {@link CsvHeader} rule or as the caller says; {@code #} comment
 *   and blank lines skipped; pandas' index column dropped; every row must have the same number of values. Errors
 *   name {@code file:line} and the bad value; {@link #layout()} says which rule applied and what was skipped.</li>
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
 * @param layout how the file was read: its format, and for CSV which header rule applied and what was skipped
 */
public record MatrixFile(float[] values, int rows, int cols, String source, String layout) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** A matrix from memory ({@link #layout} "in memory"). */
    public MatrixFile(float[] values, int rows, int cols, String source) {
        this(values, rows, cols, source, "in memory");
    }

    public MatrixFile {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(layout, "layout");
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

    private static final Pattern STRUCTURED = Pattern.compile("'descr'\\s*:\\s*\\[");
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
        return readNpy(b, file.toString());
    }

    /** Parses the bytes of a {@code .npy} file; {@code src} names it in messages. */
    public static MatrixFile readNpy(byte[] b, String src) {
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
        if (STRUCTURED.matcher(header).find())
            throw new IllegalArgumentException(src + ": the dtype is structured (named fields: " + header.strip() + "); an embedding table "
                    + "is a plain 2-D float array: save one field, or a float32 copy (np.ascontiguousarray(a[name], dtype='<f4'))");
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
        for (String s : dims) {
            if (s.isBlank()) continue;
            try {
                d.add(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(src + ": the .npy shape (" + shape + ") holds '" + s.strip() + "', not an integer");
            }
        }
        if (d.size() != 2) throw new IllegalArgumentException(src + ": shape (" + shape + ") is not 2-D; an embedding table is rows × columns");
        long rows = d.get(0), cols = d.get(1);
        if (rows < 1 || cols < 1) throw new IllegalArgumentException(src + ": empty array, shape (" + shape + ")");
        long cells;
        try {
            cells = Math.multiplyExact(rows, cols);
        } catch (ArithmeticException overflow) {
            cells = Long.MAX_VALUE;    // a shape whose size overflows a long is too large as well
        }
        if (cells > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(src + ": " + rows + " x " + cols + " is too large");
        long need = start + headerLen + rows * cols * itemSize;
        if (b.length != need)
            throw new IllegalArgumentException(src + ": shape (" + shape + ") of " + descr + " needs " + (need - start - headerLen) + " data bytes, the file has "
                    + (b.length - start - headerLen));
        float[] v = new float[(int) cells];
        int p = (int) (start + headerLen);
        long underflows = 0;
        for (int i = 0; i < v.length; i++) {
            double x = itemSize == 4 ? bb.getFloat(p + 4 * i) : bb.getDouble(p + 8 * i);
            v[i] = (float) x;
            if (!Float.isFinite(v[i])) {
                String at = src + ": row " + i / cols + ", column " + i % cols + " (0-based): " + x;
                if (!Double.isFinite(x)) throw new IllegalArgumentException(at + " is not finite");
                narrow(x, at);
            }
            if (v[i] == 0 && x != 0) underflows++;
        }
        return new MatrixFile(v, (int) rows, (int) cols, src, ".npy " + descr + ", " + rows + " x " + cols + underflowNote(underflows));
    }

    private static String group(Pattern p, String header, String key, String src) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IllegalArgumentException(src + ": the .npy header has no '" + key + "': " + header.strip());
        return m.group(1);
    }

    /** Writes a [rows, cols] array as a NumPy 1.0 {@code .npy} file of {@code <f4} (atomically). */
    public static void writeNpy(INDArray matrix, Path file) {
        if (matrix.rank() != 2) throw new IllegalArgumentException("expected a 2-D matrix, got shape " + java.util.Arrays.toString(matrix.shape()));
        float[] v = matrix.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
        writeNpy(v, (int) matrix.rows(), (int) matrix.columns(), file);
    }

    /** Writes a row-major {@code rows × cols} float array as a NumPy 1.0 {@code .npy} file of {@code <f4} (atomically). */
    public static void writeNpy(float[] values, int rows, int cols, Path file) {
        byte[] bytes = npyBytes(values, rows, cols, file.toString());
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The bytes of a NumPy 1.0 {@code .npy} file of {@code <f4} holding a row-major {@code rows × cols} array. */
    public static byte[] npyBytes(float[] values, int rows, int cols, String what) {
        new MatrixFile(values, rows, cols, what);    // validates the shape
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + dict.length() + 1;                     // preamble + dict + '\n', padded to a multiple of 64
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (float f : values) bb.putFloat(f);
        return bb.array();
    }

    // ------------------------------------------------------------------ CSV

    /** Whether a CSV table's first line (after comments and blank lines) is a header. */
    public enum CsvHeader {
        /**
         * The rule: the first line is a header when none of its values is a number (names), or when it is exactly
         * {@code 0,1,...,n-1} written as integers (pandas' default column names) above a row that is not all
         * integers; it is data when every value is a number or empty (including {@code nan} and {@code inf}: these
         * and empty values then fail as not finite or missing). Refused as ambiguous, never guessed: a line with
         * both names and numbers, and {@code 0,1,...,n-1} above integer rows or alone.
         */
        AUTO,
        /** Every line is data. */
        NONE,
        /** The first line is a header. */
        PRESENT
    }

    /** Reads a CSV table with the {@link CsvHeader#AUTO} header rule (the layout says what it found). */
    public static MatrixFile readCsv(Path file) {
        return readCsv(file, CsvHeader.AUTO);
    }

    /**
     * Reads a CSV (or whitespace-separated) matrix of numbers: lines starting with {@code #} (numpy's
     * {@code savetxt(header=...)}) and blank lines are skipped; a header whose first name is empty (pandas'
     * {@code to_csv} with its index) means the first column is the row index, which is dropped. A header and the
     * rows must have the same width, and a first column that counts the rows 0, 1, 2, ... (three rows or more) is
     * refused as an unnamed row index. Every value must be a finite number within float range (a nonzero value
     * below it becomes 0 and is counted in the layout); errors name
     * {@code file:line}, the column and the value. What was skipped and which header rule applied are in
     * {@link #layout()}.
     */
    public static MatrixFile readCsv(Path file, CsvHeader header) {
        String src = file.toString();
        List<float[]> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int cols = -1, firstDataLine = 0, comments = 0, blank = 0, headerWidth = -1, headerLine = 0;
        long underflows = 0;
        boolean seenContent = false, indexColumn = false;
        int n = 0;
        try (BufferedReader in = new BufferedReader(new java.io.StringReader(utf8(file)))) {
            List<String> lines = in.lines().toList();
            for (String line : lines) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) {
                    blank++;
                    continue;
                }
                if (line.stripLeading().startsWith("#")) {
                    comments++;
                    continue;
                }
                String[] parts = values(line);
                if (!seenContent) {
                    seenContent = true;
                    String why = headerReason(parts, header, src, n, nextContent(lines, n));
                    if (why != null) {
                        headerWidth = parts.length;
                        headerLine = n;
                        indexColumn = parts.length > 1 && parts[0].isBlank();
                        notes.add("line " + n + " is a header (" + why + ")" + (indexColumn
                                ? "; its first name is empty, so column 1 is pandas' row index and was dropped" : ""));
                        continue;
                    }
                    notes.add("no header (" + (header == CsvHeader.NONE ? "CsvHeader.NONE" : "rule: line " + n + " is all numbers") + ")");
                }
                int skip = indexColumn ? 1 : 0;
                if (cols < 0 && headerWidth >= 0 && parts.length != headerWidth)
                    throw new IllegalArgumentException(src + ":" + n + ": " + parts.length + " values, but the header on line " + headerLine + " names "
                            + headerWidth + (parts.length == headerWidth + 1 ? ": the rows carry a row index the header does not name (pandas "
                            + "to_csv(index_label=False))? Save with index=False, or read with CsvHeader.NONE and leave the column out" : ""));
                if (cols < 0) {
                    cols = parts.length - skip;
                    firstDataLine = n;
                    if (cols < 1) throw new IllegalArgumentException(src + ":" + n + ": no values besides the index column");
                } else if (parts.length - skip != cols)
                    throw new IllegalArgumentException(src + ":" + n + ": " + (parts.length - skip) + " values, expected " + cols + " (as on line " + firstDataLine + ")");
                float[] row = new float[cols];
                for (int c = 0; c < cols; c++) {
                    row[c] = value(parts[c + skip].strip(), src, n, c + 1 + skip);
                    if (row[c] == 0 && Double.parseDouble(parts[c + skip].strip()) != 0) underflows++;
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(src + ": cannot read: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(src + ": no rows of numbers");
        if (!indexColumn && cols >= 2 && rows.size() >= 3 && countsRows(rows))
            throw new IllegalArgumentException(src + ": column 1 counts the rows 0, 1, 2, ..., " + (rows.size() - 1) + ": a row index (pandas "
                    + "to_csv(header=False) keeps it)? Save with index=False; an embedding table's first dimension does not count its rows");
        if (comments > 0) notes.add(comments + " comment lines (#) skipped");
        if (blank > 0) notes.add(blank + " blank lines skipped");
        float[] v = new float[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, v, r * cols, cols);
        return new MatrixFile(v, rows.size(), cols, src, "CSV, " + rows.size() + " rows; " + String.join("; ", notes) + underflowNote(underflows));
    }

    /** Whether every row's first value is its 0-based row number. */
    private static boolean countsRows(List<float[]> rows) {
        for (int r = 0; r < rows.size(); r++) if (rows.get(r)[0] != r) return false;
        return true;
    }

    /** The file's text; a byte sequence that is not UTF-8 is refused naming its line and byte offset. */
    private static String utf8(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(b.length);
        java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) if (b[i] == '\n') line++;
            throw new IllegalArgumentException(file + ":" + line + ": not UTF-8 text at byte " + in.position()
                    + " (a binary file? .npy tables need the .npy extension)");
        }
        return out.flip().toString();
    }

    /** The values of the first content line after line {@code n} (1-based), or null when there is none. */
    private static String[] nextContent(List<String> lines, int n) {
        for (int i = n; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank() && !l.stripLeading().startsWith("#")) return values(l);
        }
        return null;
    }

    /** A line's values: split by commas when it has one, else by whitespace. */
    private static String[] values(String line) {
        return line.indexOf(',') >= 0 ? line.split(",", -1) : line.strip().split("\\s+");
    }

    private static boolean integers(String[] parts, int from) {
        for (int i = from; i < parts.length; i++) if (!parts[i].strip().matches("[0-9]+")) return false;
        return true;
    }

    /**
     * Why the first content line is a header, or null when it is data; refuses a line that is half names, half
     * numbers, and a line {@code 0,1,...} that may be either.
     */
    private static String headerReason(String[] parts, CsvHeader header, String src, int n, String[] next) {
        if (header == CsvHeader.NONE) return null;
        if (header == CsvHeader.PRESENT) return "CsvHeader.PRESENT";
        int numbers = 0, empty = 0;
        boolean counting = true;
        int from = parts.length > 1 && parts[0].isBlank() ? 1 : 0;    // pandas' empty index name
        for (int i = from; i < parts.length; i++) {
            Double d = number(parts[i].strip());
            if (d != null) numbers++;
            if (parts[i].isBlank()) empty++;
            counting &= d != null && d == i - from;
        }
        if (numbers == 0) return "rule: none of its values is a number";
        if (counting && parts.length - from >= 2 && integers(parts, from)) {
            // pandas names columns 0..n-1 when it has no names; a table of integers could start with that row too
            if (next != null && !integers(next, from))
                return "rule: it is 0,1,...," + (parts.length - from - 1) + ", pandas' default column names, written as integers above rows that are not";
            throw new IllegalArgumentException(src + ":" + n + ": the first line is 0,1,...," + (parts.length - from - 1) + ": pandas' default "
                    + "column names or a row of data? " + (next == null ? "It is the only line" : "The rows below are integers too")
                    + "; pass CsvHeader.PRESENT or NONE to MatrixFile.readCsv to say which");
        }
        if (numbers + empty == parts.length) return null;    // data (an empty value then fails as missing)
        throw new IllegalArgumentException(src + ":" + n + ": the first line is neither a header nor a row of numbers (" + numbers + " of its "
                + parts.length + " values are numbers); pass CsvHeader.PRESENT or NONE to MatrixFile.readCsv to say which");
    }

    /** A value of a data row: a finite number within float range. */
    private static float value(String t, String src, int line, int column) {
        String at = src + ":" + line + ": column " + column + ": ";
        if (t.isEmpty()) throw new IllegalArgumentException(at + "empty value (pandas writes a missing value so)");
        Double d = number(t);
        if (d == null) throw new IllegalArgumentException(at + "'" + t + "' is not a number");
        if (!Double.isFinite(d)) throw new IllegalArgumentException(at + "'" + t + "' is not finite");
        return narrow(d, at + "'" + t + "'");
    }

    /** "; N values below float range became 0", or nothing when none did. */
    private static String underflowNote(long n) {
        return n == 0 ? "" : "; " + n + (n == 1 ? " value" : " values") + " below float range (0 < |x| < 1.4E-45) became 0";
    }

    /** A float from a double, refusing one beyond float range instead of making it infinite. */
    private static float narrow(double d, String what) {
        float f = (float) d;
        if (Float.isInfinite(f)) throw new IllegalArgumentException(what + " is beyond float range (|x| > 3.4028235E38)");
        return f;
    }

    /** A number as numpy and pandas write them ({@code nan}, {@code inf}, {@code -inf} included), or null. */
    private static Double number(String t) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> { return Double.NaN; }
            case "inf", "+inf", "infinity", "+infinity" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        if (t.isEmpty() || !(Character.isDigit(t.charAt(t.length() - 1)) || t.charAt(t.length() - 1) == '.')) return null;    // no 1f, 1d
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
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
        return "MatrixFile[" + source + ", " + rows + " x " + cols + ", " + layout + "]";
    }
}
