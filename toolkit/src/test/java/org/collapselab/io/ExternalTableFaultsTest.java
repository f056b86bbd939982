package org.collapselab.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.collapselab.analysis.CollapseReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External tables as numpy and pandas write them (issue 12): no row dropped or added by a header guess, no
 * index column taken for data, NaN/Inf and float overflow refused when the file is read, naming where.
 */
class ExternalTableFaultsTest {
    @TempDir
    Path tmp;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private String failure(Path f) {
        return assertThrows(IllegalArgumentException.class, () -> MatrixFile.read(f)).getMessage();
    }

    @Test
    void aFirstRowWithNanIsAnErrorNotAHeader() throws IOException {
        // numpy.savetxt writes NaN as 'nan': the row used to vanish as a "header"
        Path f = csv("savetxt.txt", "nan 1.000000000000000000e+00\n2.000000000000000000e+00 3.000000000000000000e+00\n");
        assertEquals(f + ":1: column 1: 'nan' is not finite", failure(f));
        Path g = csv("inf.csv", "1,-inf\n2,3\n");
        assertEquals(g + ":1: column 2: '-inf' is not finite", failure(g));
    }

    @Test
    void pandasDefaultColumnNamesAreAHeaderAndSaidSo() throws IOException {
        // DataFrame(array).to_csv(index=False) writes the column names 0..n-1: they used to become a data row
        Path f = csv("pandas.csv", "0,1,2\n0.5,0.25,1.0\n2.0,3.0,4.0\n");
        MatrixFile m = MatrixFile.read(f);
        assertEquals(2, m.rows());
        assertArrayEquals(new float[]{0.5f, 0.25f, 1, 2, 3, 4}, m.values());
        assertEquals("CSV, 2 rows; line 1 is a header (rule: it is 0,1,...,2, pandas' default column names, written as integers above rows "
                + "that are not)", m.layout());
        MatrixFile asData = MatrixFile.readCsv(f, MatrixFile.CsvHeader.NONE);
        assertEquals(3, asData.rows(), "the caller can say the first line is data");
        assertEquals("CSV, 3 rows; no header (CsvHeader.NONE)", asData.layout());
    }

    @Test
    void aFirstRowCountingItsColumnsAboveIntegersIsRefusedNotDropped() throws IOException {
        // old: a two-column integer table whose first row is 0,1 lost that row as pandas' "header"
        Path f = csv("ints.csv", "0,1\n2,3\n5,4\n");
        assertEquals(f + ":1: the first line is 0,1,...,1: pandas' default column names or a row of data? The rows below are integers too; "
                + "pass CsvHeader.PRESENT or NONE to MatrixFile.readCsv to say which", failure(f));
        assertArrayEquals(new float[]{0, 1, 2, 3, 5, 4}, MatrixFile.readCsv(f, MatrixFile.CsvHeader.NONE).values(), "the caller decides: data");
        assertEquals(2, MatrixFile.readCsv(f, MatrixFile.CsvHeader.PRESENT).rows(), "the caller decides: a header");
        Path alone = csv("alone.csv", "0,1\n");
        assertEquals(alone + ":1: the first line is 0,1,...,1: pandas' default column names or a row of data? It is the only line; "
                + "pass CsvHeader.PRESENT or NONE to MatrixFile.readCsv to say which", failure(alone));
        // pandas never writes column names as 0.0, 1.0: that is a data row
        MatrixFile floats = MatrixFile.read(csv("floats.csv", "0.0,1.0\n2,3\n"));
        assertEquals(2, floats.rows());
        assertEquals("CSV, 2 rows; no header (rule: line 1 is all numbers)", floats.layout());
    }

    @Test
    void pandasIndexColumnIsDroppedNotReadAsAValue() throws IOException {
        // DataFrame(array).to_csv() writes an empty first name and the row index in column 1
        Path f = csv("index.csv", ",0,1\n0,0.5,0.25\n1,2.0,3.0\n2,4.0,5.0\n");
        MatrixFile m = MatrixFile.read(f);
        assertEquals(3, m.rows());
        assertEquals(2, m.cols());
        assertArrayEquals(new float[]{0.5f, 0.25f, 2, 3, 4, 5}, m.values());
        assertTrue(m.layout().contains("column 1 is pandas' row index and was dropped"), m.layout());
    }

    @Test
    void aRowIndexTheHeaderDoesNotNameIsRefusedNotReadAsADimension() throws IOException {
        // pandas to_csv(index_label=False): the header names the columns, every row starts with its index;
        // old: read with the index as one more dimension (IA 1.71 instead of 6.29 in issue 28's case)
        Path f = csv("index-label-false.csv", "0,1\n0,0.5,0.25\n1,2.0,3.0\n2,4.0,5.0\n");
        assertEquals(f + ":2: 3 values, but the header on line 1 names 2: the rows carry a row index the header does not name (pandas "
                + "to_csv(index_label=False))? Save with index=False, or read with CsvHeader.NONE and leave the column out", failure(f));
        Path g = csv("wider-header.csv", "a,b,c\n0.5,0.25\n");
        assertEquals(g + ":2: 2 values, but the header on line 1 names 3", failure(g));
    }

    @Test
    void aFirstColumnCountingTheRowsIsRefusedAsAnUnnamedIndex() throws IOException {
        // pandas to_csv(header=False) keeps the index: no header, and column 1 is 0, 1, 2, ...
        Path f = csv("header-false.csv", "0,0.5,0.25\n1,2.0,3.0\n2,4.0,5.0\n");
        assertEquals(f + ": column 1 counts the rows 0, 1, 2, ..., 2: a row index (pandas to_csv(header=False) keeps it)? Save with "
                + "index=False; an embedding table's first dimension does not count its rows", failure(f));
        // two rows are too few to call it an index, and a first column that does not count is data
        assertEquals(2, MatrixFile.read(csv("two.csv", "0,0.5\n1,2.0\n")).rows());
        assertEquals(3, MatrixFile.read(csv("not-index.csv", "0,0.5\n1,2.0\n3,4.0\n")).rows());
    }

    @Test
    void aMissingValueInTheFirstRowIsAnError() throws IOException {
        Path f = csv("missing.csv", "0.5,,1\n1,2,3\n");    // pandas writes NaN as an empty field
        assertEquals(f + ":1: column 2: empty value (pandas writes a missing value so)", failure(f));
    }

    @Test
    void aFirstLineOfNamesAndNumbersIsRefusedAsAmbiguous() throws IOException {
        Path f = csv("mixed.csv", "a,1\n2,3\n");
        assertEquals(f + ":1: the first line is neither a header nor a row of numbers (1 of its 2 values are numbers); pass "
                + "CsvHeader.PRESENT or NONE to MatrixFile.readCsv to say which", failure(f));
    }

    @Test
    void numpyCommentHeaderAndNamedHeaderAreReported() throws IOException {
        MatrixFile m = MatrixFile.read(csv("commented.txt", "# x y\n1 2\n3 4\n"));
        assertEquals("CSV, 2 rows; no header (rule: line 2 is all numbers); 1 comment lines (#) skipped", m.layout());
        MatrixFile n = MatrixFile.read(csv("named.csv", "d0,d1\n1,2\n"));
        assertEquals("CSV, 1 rows; line 1 is a header (rule: none of its values is a number)", n.layout());
        assertTrue(CollapseReport.of(MatrixFile.read(csv("t.csv", "d0,d1\n1,2\n3,5\n")), 2).iaTable().name().endsWith("read as CSV, 2 rows; line 1 is a header (rule: none of its values is a number))"));
    }

    /** A version 1.0 {@code .npy} with the given header dict and data bytes. */
    private Path npy(String name, String dict, byte[] data) throws IOException {
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return Files.write(tmp.resolve(name), bb.array());
    }

    private static byte[] doubles(double... v) {
        ByteBuffer bb = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) bb.putDouble(d);
        return bb.array();
    }

    @Test
    void npyNanAndInfinityAreRefusedNamingTheElement() throws IOException {
        Path f = npy("nan.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", doubles(1, 2, 3, Double.NaN));
        assertEquals(f + ": row 1, column 1 (0-based): NaN is not finite", failure(f));
    }

    @Test
    void float64BelowFloatRangeIsCountedWhereItBecomesZero() throws IOException {
        // old: 1e-50 became 0 without a note
        MatrixFile m = MatrixFile.read(npy("tiny.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }", doubles(1, 1e-50, 0, -1e-60)));
        assertArrayEquals(new float[]{1, 0, 0, -0f}, m.values());
        assertTrue(m.layout().endsWith("; 2 values below float range (0 < |x| < 1.4E-45) became 0"), m.layout());
        MatrixFile c = MatrixFile.read(csv("tiny.csv", "1,1e-50\n0,2\n"));
        assertTrue(c.layout().endsWith("; 1 value below float range (0 < |x| < 1.4E-45) became 0"), c.layout());
        assertTrue(!MatrixFile.read(csv("zeros.csv", "1,0\n0,2\n")).layout().contains("below float range"), "true zeros are not counted");
    }

    @Test
    void anNpyShapeWhoseSizeOverflowsIsRefused() throws IOException {
        // old: rows × cols overflowed a long, passed the size check and was read as a small table
        Path f = npy("huge.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", new byte[16]);
        assertEquals(f + ": 4611686018427387904 x 4 is too large", failure(f));
    }

    @Test
    void npyFloat64BeyondFloatRangeIsRefusedNotMadeInfinite() throws IOException {
        Path f = npy("big.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }", doubles(1, -1e39, 2));
        assertEquals(f + ": row 0, column 1 (0-based): -1.0E39 is beyond float range (|x| > 3.4028235E38)", failure(f));
    }

    @Test
    void npyStructuredDtypeIsNamedAsSuch() throws IOException {
        Path f = npy("rec.npy", "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (2,), }", new byte[16]);
        String m = failure(f);
        assertTrue(m.startsWith(f + ": the dtype is structured (named fields: {'descr': [('a', '<f4'), ('b', '<f4')]"), m);
        assertTrue(m.endsWith("an embedding table is a plain 2-D float array: save one field, or a float32 copy "
                + "(np.ascontiguousarray(a[name], dtype='<f4'))"), m);
    }

    @Test
    void foundByTheFuzzerANonIntegerShapeAndNonUtf8TextNameTheFile() throws IOException {
        Path f = npy("shape.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3x), }", doubles(1, 2, 3));
        assertEquals(f + ": the .npy shape (1, 3x) holds '3x', not an integer", failure(f));
        Path g = Files.write(tmp.resolve("latin1.csv"), new byte[]{'1', ',', '2', '\n', '3', ',', (byte) 0xE9, '\n'});
        assertEquals(g + ":2: not UTF-8 text at byte 6 (a binary file? .npy tables need the .npy extension)", failure(g));
    }
}
