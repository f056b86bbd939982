package org.collapselab.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
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
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

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

    // ------------------------------------------------------------------ formats

    /** Reads a NumPy {@code .npy} file (see the class comment for what is accepted). */
    public static MatrixFile readNpy(Path file) {
        return Npy.read(file);
    }

    /** Parses the bytes of a {@code .npy} file; {@code src} names it in messages. */
    public static MatrixFile readNpy(byte[] b, String src) {
        return Npy.read(b, src);
    }

    /** Writes a [rows, cols] array as a NumPy 1.0 {@code .npy} file of {@code <f4} (atomically). */
    public static void writeNpy(INDArray matrix, Path file) {
        Npy.write(matrix, file);
    }

    /** Writes a row-major {@code rows × cols} float array as a NumPy 1.0 {@code .npy} file of {@code <f4} (atomically). */
    public static void writeNpy(float[] values, int rows, int cols, Path file) {
        Npy.write(values, rows, cols, file);
    }

    /** A NumPy 1.0 {@code .npy} file of {@code <f4} holding a row-major {@code rows × cols} array, streamed onto {@code out} (any size). */
    public static void writeNpy(float[] values, int rows, int cols, java.io.OutputStream out, String what) throws java.io.IOException {
        Npy.write(values, rows, cols, out, what);
    }

    /** The bytes of a NumPy 1.0 {@code .npy} file of {@code <f4} holding a row-major {@code rows × cols} array. */
    public static byte[] npyBytes(float[] values, int rows, int cols, String what) {
        return Npy.bytes(values, rows, cols, what);
    }

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
     * below it becomes 0 and is counted in the layout); errors name {@code file:line}, the column and the value.
     * What was skipped and which header rule applied are in {@link #layout()}.
     */
    public static MatrixFile readCsv(Path file, CsvHeader header) {
        return CsvMatrix.read(file, header);
    }

    /** "; N values below float range became 0", or nothing when none did. */
    static String underflowNote(long n) {
        return n == 0 ? "" : "; " + n + (n == 1 ? " value" : " values") + " below float range (0 < |x| < 1.4E-45) became 0";
    }

    /** A float from a double, refusing one beyond float range instead of making it infinite. */
    static float narrow(double d, String what) {
        float f = (float) d;
        if (Float.isInfinite(f)) throw new IllegalArgumentException(what + " is beyond float range (|x| > 3.4028235E38)");
        return f;
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
