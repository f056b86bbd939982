package org.collapselab.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.collapselab.io.MatrixFile.CsvHeader;

/** CSV (or whitespace-separated) float matrices, read with the header rule {@link CsvHeader} states. */
final class CsvMatrix {
    private CsvMatrix() {}



    /** {@link MatrixFile#readCsv(Path, CsvHeader)}. */
    static MatrixFile read(Path file, CsvHeader header) {
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
        return new MatrixFile(v, rows.size(), cols, src, "CSV, " + rows.size() + " rows; " + String.join("; ", notes) + MatrixFile.underflowNote(underflows));
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
        return MatrixFile.narrow(d, at + "'" + t + "'");
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

}
