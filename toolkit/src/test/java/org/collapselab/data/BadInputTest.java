package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input: the message names the file, the line and the reason; lenient mode counts everything. */
class BadInputTest {
    @TempDir
    Path tmp;

    private final List<String> criteo = TestFiles.criteoLines();

    private Path criteoWith(String name, int lineIndex, String replacement) {
        String[] ls = criteo.toArray(new String[0]);
        ls[lineIndex] = replacement;
        return TestFiles.write(tmp, name, String.join("\n", ls) + "\n");
    }

    private EncodedDataset load(Path f, CtrFormat fmt, boolean strict) {
        PreprocessOptions.Builder b = TestFiles.options(tmp.resolve("cache"));
        return CtrData.load(f, fmt, (strict ? b.strict() : b.lenient()).build());
    }

    /** Lenient with every line allowed to be rejected, to look at the counts. */
    private EncodedDataset loadCountingAll(Path f, CtrFormat fmt) {
        return CtrData.load(f, fmt, TestFiles.options(tmp.resolve("cache")).lenient().rejectBudget(1).build());
    }

    private DataFormatException strictFailure(Path f, CtrFormat fmt) {
        return assertThrows(DataFormatException.class, () -> load(f, fmt, true));
    }

    @Test
    void raggedLine() {
        String ragged = criteo.get(6).substring(0, criteo.get(6).lastIndexOf('\t'));    // 39 columns
        Path f = criteoWith("ragged.tsv", 6, ragged);
        DataFormatException e = strictFailure(f, CtrFormat.criteoTsv());
        assertEquals(f + ":7: expected 40 columns separated by TAB, found 39", e.getMessage());
        assertEquals(7, e.line());

        EncodedDataset ds = load(f, CtrFormat.criteoTsv(), false);
        assertEquals(99, ds.rows());
        assertEquals(100, ds.report().linesRead());
        assertEquals(1, ds.report().rejected(RejectReason.COLUMN_COUNT));
        PreprocessReport.Rejects r = ds.report().rejects().get(0);
        assertEquals(List.of(7L), r.firstLines());
        assertTrue(ds.report().toString().contains("rejected 1 × wrong number of columns (first at lines [7]"), ds.report().toString());
    }

    @Test
    void textInANumericColumn() {
        String[] v = criteo.get(2).split("\t", -1);
        v[3] = "12abc";    // I3
        Path f = criteoWith("text.tsv", 2, String.join("\t", v));
        DataFormatException e = strictFailure(f, CtrFormat.criteoTsv());
        assertEquals(f + ":3: column I3: not a number: '12abc'", e.getMessage());
        EncodedDataset ds = load(f, CtrFormat.criteoTsv(), false);
        assertEquals(1, ds.report().rejected(RejectReason.NUMBER));
        assertEquals(99, ds.rows());
    }

    @Test
    void badLabel() {
        Path f = criteoWith("label.tsv", 0, "2" + criteo.get(0).substring(1));
        assertEquals(f + ":1: column label: label must be 0 or 1, found '2' (is label.tsv in format 'Criteo TSV'?)",
                strictFailure(f, CtrFormat.criteoTsv()).getMessage());
    }

    @Test
    void crlfLineEndsAreAcceptedAndReported() {
        Path f = TestFiles.write(tmp, "crlf.tsv", String.join("\r\n", criteo) + "\r\n");
        EncodedDataset crlf = load(f, CtrFormat.criteoTsv(), true);
        EncodedDataset lf = load(TestFiles.write(tmp, "lf.tsv", String.join("\n", criteo) + "\n"), CtrFormat.criteoTsv(), true);
        assertEquals(100, crlf.rows());
        assertEquals(List.of("100 lines ended in CRLF (accepted)"), crlf.report().notes());
        assertEquals(Arrays.toString(lf.schema().cardinalities()), Arrays.toString(crlf.schema().cardinalities()),
                "the CR must not become part of the last column's tokens");
        for (int r = 0; r < 100; r++) assertEquals(lf.index(r, 38), crlf.index(r, 38));
    }

    @Test
    void utf8ByteOrderMarkIsSkippedAndReported() throws IOException {
        Path avazu = FormatSamples.write(tmp.resolve("avazu.csv"), TestFiles.avazuLines());
        byte[] body = Files.readAllBytes(avazu);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Path f = TestFiles.write(tmp, "bom.csv", withBom);
        EncodedDataset ds = load(f, CtrFormat.avazuCsv(), true);    // the header check would fail if the BOM stayed
        assertEquals(100, ds.rows());
        assertEquals(List.of("a UTF-8 byte-order mark at the start was skipped"), ds.report().notes());
    }

    @Test
    void emptyFile() {
        Path f = TestFiles.write(tmp, "empty.tsv", "");
        DataFormatException e = strictFailure(f, CtrFormat.criteoTsv());
        assertEquals(f + ": file is empty", e.getMessage());
        Path headerOnly = TestFiles.write(tmp, "header.csv", "label,feat_1\n");
        assertEquals(headerOnly + ": no data lines after the header", strictFailure(headerOnly, CtrFormat.barsCsv(1)).getMessage());
    }

    @Test
    void avazuReadAsCriteoFailsClearly() {
        Path avazu = FormatSamples.write(tmp.resolve("avazu.csv"), TestFiles.avazuLines());
        DataFormatException strict = strictFailure(avazu, CtrFormat.criteoTsv());
        assertEquals(avazu + ":1: expected 40 columns separated by TAB, found 1 (is avazu.csv in format 'Criteo TSV'?)",
                strict.getMessage());
        DataFormatException lenient = assertThrows(DataFormatException.class, () -> load(avazu, CtrFormat.criteoTsv(), false));
        assertEquals(avazu + ": no valid rows: all 101 lines were rejected; line 1: expected 40 columns separated by TAB, found 1"
                + " (is avazu.csv in format 'Criteo TSV'?)", lenient.getMessage());
        DataFormatException csv = strictFailure(avazu, CtrFormat.criteoCsv());
        assertEquals(avazu + ":1: the header does not match format 'Criteo CSV': the header has 24 columns, the format 40; missing: [label, I1, "
                + "I2, I3, I4, … (31 in all)]; not in the format: [id, click, hour, banner_pos, site_id, … (15 in all)]", csv.getMessage());
    }

    @Test
    void aHeaderInAFileWhoseFormatHasNoneIsRefused() {
        // old: loaded, with the header line rejected as "label is not 0 or 1" and one WARN
        String header = "label\t" + String.join("\t", java.util.stream.IntStream.rangeClosed(1, 13).mapToObj(i -> "I" + i).toList()) + "\t"
                + String.join("\t", java.util.stream.IntStream.rangeClosed(1, 26).mapToObj(i -> "C" + i).toList());
        Path f = TestFiles.write(tmp, "with-header.tsv", header + "\n" + String.join("\n", criteo) + "\n");
        assertEquals(f + ":1: this line is a header (40 of its 40 values are the format's column names, e.g. 'label'), but format 'Criteo TSV' "
                + "has none: remove the line, or use a format whose header is checked (DelimitedFormat.Header.CHECK)",
                assertThrows(DataFormatException.class, () -> load(f, CtrFormat.criteoTsv(), false)).getMessage());
    }

    /** A header that differs is reported by the column that differs, or by the delimiter that would fit. */
    @Test
    void headerMistakesAreReportedByColumnAndDelimiter() {
        List<DelimitedFormat.Column> cols = new java.util.ArrayList<>(List.of(new DelimitedFormat.Column("rating", DelimitedFormat.Role.LABEL)));
        for (String n : List.of("user_id", "item_id", "age", "gender", "occupation", "zip_code", "genre", "year"))
            cols.add(new DelimitedFormat.Column(n, DelimitedFormat.Role.CATEGORICAL));
        DelimitedFormat movielens = new DelimitedFormat("movielens", ',', DelimitedFormat.Header.CHECK, cols, 1);
        String row = "1,1,1,20,M,writer,55555,drama,1995\n";
        // old, for all three: "expected the movielens header '…', found '…' (is … really in the movielens format?)"
        Path misnamed = TestFiles.write(tmp, "misnamed.csv", "rating,user_id,item_id,age,gender,occupation,zip3,genre,year\n" + row);
        assertEquals(misnamed + ":1: the header does not match format 'movielens': column 7: expected 'zip_code', found 'zip3'",
                assertThrows(DataFormatException.class, () -> load(misnamed, movielens, false)).getMessage());
        Path tabs = TestFiles.write(tmp, "tabs.tsv", "rating\tuser_id\titem_id\tage\tgender\toccupation\tzip_code\tgenre\tyear\n" + row.replace(',', '\t'));
        assertEquals(tabs + ":1: the header does not match format 'movielens': the header splits into 1 column on ',' and 9 columns on TAB, the "
                + "format has 9: is the delimiter TAB?", assertThrows(DataFormatException.class, () -> load(tabs, movielens, false)).getMessage());
        Path missing = TestFiles.write(tmp, "missing.csv", "rating,user_id,item_id,age,gender,occupation,genre,year\n1,1,1,20,M,writer,drama,1995\n");
        assertEquals(missing + ":1: the header does not match format 'movielens': the header has 8 columns, the format 9; missing: [zip_code]",
                assertThrows(DataFormatException.class, () -> load(missing, movielens, false)).getMessage());
    }

    @Test
    void truncatedGzip() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write((String.join("\n", criteo) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] all = bos.toByteArray();
        Path f = TestFiles.write(tmp, "cut.tsv.gz", Arrays.copyOf(all, all.length / 2));
        for (boolean strict : new boolean[]{true, false}) {
            DataFormatException e = assertThrows(DataFormatException.class, () -> load(f, CtrFormat.criteoTsv(), strict));
            assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("gzip stream is truncated or corrupt after line"), e.getMessage());
        }
    }

    @Test
    void lenientModeCountsEveryRejectByReason() {
        String[] ls = criteo.toArray(new String[0]);
        ls[0] = "";                                              // empty line
        ls[10] = ls[10] + "\textra";                             // 41 columns
        ls[20] = ls[20].substring(0, ls[20].indexOf('\t'));      // 1 column
        String[] v = ls[30].split("\t", -1);
        v[1] = "x";
        ls[30] = String.join("\t", v);                           // not a number
        ls[40] = "7" + ls[40].substring(1);                      // bad label
        Path f = TestFiles.write(tmp, "many.tsv", String.join("\n", ls) + "\n");
        EncodedDataset ds = loadCountingAll(f, CtrFormat.criteoTsv());
        PreprocessReport r = ds.report();
        assertEquals(100, r.linesRead());
        assertEquals(95, r.rowsKept());
        assertEquals(1, r.rejected(RejectReason.EMPTY_LINE));
        assertEquals(2, r.rejected(RejectReason.COLUMN_COUNT));
        assertEquals(1, r.rejected(RejectReason.NUMBER));
        assertEquals(1, r.rejected(RejectReason.LABEL));
        assertEquals(List.of(11L, 21L), r.rejects().stream().filter(x -> x.reason() == RejectReason.COLUMN_COUNT).findFirst().orElseThrow().firstLines());
        // rejected lines leave no tokens behind: the kept rows' missing counts match an independent count over them
        long missingI1 = 0;
        for (int i = 0; i < 100; i++) if (i != 0 && i != 10 && i != 20 && i != 30 && i != 40 && ls[i].split("\t", -1)[1].isEmpty()) missingI1++;
        assertEquals(missingI1, r.field("I1").missing());
    }

    @Test
    void libFmBadPairs() {
        Path f = TestFiles.write(tmp, "bad.libfm", "1 3:1 5:1\n0 3:1 oops\n1 3:1 5:x\n0 3:1\n1 4:1 5:2.5\n");
        DataFormatException e = strictFailure(f, CtrFormat.libFm(2));
        assertEquals(f + ":2: pair 2: expected idx:val, found 'oops'", e.getMessage());
        EncodedDataset ds = loadCountingAll(f, CtrFormat.libFm(2));
        assertEquals(2, ds.rows());
        assertEquals(2, ds.report().rejected(RejectReason.LIBFM_PAIR));
        assertEquals(1, ds.report().rejected(RejectReason.COLUMN_COUNT));
        assertEquals(List.of("1 libFM values other than 1 were ignored (fields are categorical)"), ds.report().notes());
    }

    @Test
    void badTimestampWhenDerivingHours() {
        String[] ls = TestFiles.avazuLines().toArray(new String[0]);
        String[] v = ls[5].split(",", -1);
        v[2] = "14102125";
        ls[5] = String.join(",", v);
        Path f = TestFiles.write(tmp, "hour.csv", String.join("\n", ls) + "\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrData.load(f, CtrFormat.avazuCsv(),
                TestFiles.options(tmp.resolve("c")).strict().hour(PreprocessOptions.HourEncoding.HOUR_OF_DAY_AND_WEEKDAY).build()));
        assertEquals(f + ":6: column hour: expected YYMMDDHH, found '14102125'", e.getMessage());
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("nope.tsv");
        assertEquals(f + ": file not found", strictFailure(f, CtrFormat.criteoTsv()).getMessage());
    }

    @Test
    void aLoadOverTheRejectBudgetLeavesNoCacheBehind() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++)
            sb.append(i % 4 == 0 ? "a,b,c" : i % 2 + "\t5".repeat(13) + "\tabcd1234".repeat(26)).append('\n');    // 10 of 40 lines bad
        Path f = TestFiles.write(tmp, "quarter-bad.tsv", sb.toString().getBytes(StandardCharsets.US_ASCII));
        DataFormatException e = assertThrows(DataFormatException.class, () -> load(f, CtrFormat.criteoTsv(), false));
        assertTrue(e.getMessage().contains("over the reject budget"), e.getMessage());
        try (var files = java.nio.file.Files.list(tmp.resolve("cache"))) {
            // old: the cache of the refused data stayed on disk
            assertEquals(List.of(), files.map(x -> x.getFileName().toString()).filter(n -> n.endsWith(".clds")).toList());
        }
        EncodedDataset ok = loadCountingAll(f, CtrFormat.criteoTsv());    // the same file, accepted by a larger budget
        assertTrue(ok.report().toString().contains("field sizes (tokens kept + OOV): I1 "), ok.report().toString());
        assertTrue(ok.report().toString().contains(" C26 " + ok.schema().cardinality(ok.schema().indexOf("C26"))), ok.report().toString());
    }

    @Test
    void wrongFormatIsDetectedEarlyOnLargeFiles() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) sb.append("a,b,c\n");
        Path f = TestFiles.write(tmp, "csv.tsv", sb.toString().getBytes(StandardCharsets.US_ASCII));
        DataFormatException e = assertThrows(DataFormatException.class, () -> load(f, CtrFormat.criteoTsv(), false));
        assertTrue(e.getMessage().startsWith(f + ": the first 1000 lines were all rejected; line 1: expected 40 columns"), e.getMessage());
    }

    @Test
    void aBudgetOfOneAcceptsAnyNumberOfRejectsEvenAtTheStart() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1200; i++) sb.append("a,b,c\n");
        for (int i = 0; i < 20; i++) sb.append(i % 2).append("\t5".repeat(13)).append("\tabcd1234".repeat(26)).append('\n');
        Path f = TestFiles.write(tmp, "late.tsv", sb.toString().getBytes(StandardCharsets.US_ASCII));
        // old: "the first 1000 lines were all rejected" although rejectBudget(1) is documented to accept any number
        EncodedDataset d = loadCountingAll(f, CtrFormat.criteoTsv());
        assertEquals(20, d.rows());
        assertEquals(1200, d.report().rowsRejected());
    }

    @Test
    void aBadLineLateInALargeFileStopsCleanly() {
        // past several interning batches: the worker thread must stop and the message must carry the real line number
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 120; i++) sb.append(String.join("\n", criteo)).append('\n');
        sb.append("1\tnot enough columns\n");
        Path f = TestFiles.write(tmp, "late.tsv", sb.toString());
        DataFormatException e = strictFailure(f, CtrFormat.criteoTsv());
        assertEquals(f + ":12001: expected 40 columns separated by TAB, found 2", e.getMessage());
        EncodedDataset ds = load(f, CtrFormat.criteoTsv(), false);
        assertEquals(12_000, ds.rows());
        assertEquals(List.of(12_001L), ds.report().rejects().get(0).firstLines());
    }
}
