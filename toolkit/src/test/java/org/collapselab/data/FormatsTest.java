package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format parses with its exact row count; counts are checked against independent ones. Each test runs on a
 * file the project generates with the layout, size and quirks of a real sample ({@link FormatSamples}), and on the
 * real sample too where {@code ../shared/data} is present.
 */
class FormatsTest {
    @TempDir
    Path tmp;

    @TempDir
    static Path fixtures;

    static Stream<Path> criteoRaw() {
        return TestFiles.withShared("paddlerec_criteo_raw_sample.tsv", fixtures);
    }

    static Stream<Path> criteoCsv() {
        return TestFiles.withShared("deepctr_criteo_sample.txt", fixtures);
    }

    static Stream<Path> avazu() {
        return TestFiles.withShared("deepctr_avazu_sample.txt", fixtures);
    }

    static Stream<Path> bars() {
        return TestFiles.withShared("torchrechub_avazu_x1_format_train_sample.csv", fixtures);
    }

    /** Independent reference: split each data line with String.split and count empty values per column. */
    private static long[] emptyPerColumn(List<String> lines, String regex, int columns) {
        long[] c = new long[columns];
        for (String l : lines) {
            String[] v = l.split(regex, -1);
            assertEquals(columns, v.length, "reference parser: column count of '" + l + "'");
            for (int i = 0; i < columns; i++) if (v[i].isEmpty()) c[i]++;
        }
        return c;
    }

    private EncodedDataset load(Path file, CtrFormat format, PreprocessOptions.Builder b) {
        return CtrData.load(file, format, b.cacheDir(tmp.resolve("cache")).build());
    }

    @ParameterizedTest
    @MethodSource("criteoRaw")
    void criteoRawTsv(Path f) {
        EncodedDataset ds = load(f, CtrFormat.criteoTsv(), PreprocessOptions.builder().strict());
        assertEquals(100, ds.rows());
        assertEquals(39, ds.schema().size());
        long[] empty = emptyPerColumn(TestFiles.lines(f), "\t", 40);
        for (int fi = 0; fi < 39; fi++) assertEquals(empty[fi + 1], ds.report().fields().get(fi).missing(), "missing of field " + fi);
        assertEquals(0, ds.report().rowsRejected());
    }

    @ParameterizedTest
    @MethodSource("criteoCsv")
    void criteoCsvWithFloatWrittenIntegers(Path f) {
        EncodedDataset ds = load(f, CtrFormat.criteoCsv(), PreprocessOptions.builder().strict());
        assertEquals(200, ds.rows());
        List<String> lines = TestFiles.lines(f);
        long[] empty = emptyPerColumn(lines.subList(1, lines.size()), ",", 40);
        for (int fi = 0; fi < 39; fi++) assertEquals(empty[fi + 1], ds.report().fields().get(fi).missing(), "missing of field " + fi);
        long positives = lines.stream().skip(1).filter(l -> l.startsWith("1,")).count();
        assertEquals(positives, Math.round(ds.positiveRate() * ds.rows()));
    }

    @ParameterizedTest
    @MethodSource("avazu")
    void avazuRawCsvNeverParsesTheId(Path f) {
        List<String> lines = TestFiles.lines(f);
        assertTrue(lines.stream().skip(1).anyMatch(l -> new java.math.BigInteger(l.split(",")[0]).bitLength() > 63),
                "the sample has an id that overflows long: the case this test is about");
        EncodedDataset ds = load(f, CtrFormat.avazuCsv(), PreprocessOptions.builder().strict());
        assertEquals(100, ds.rows());
        assertEquals(22, ds.schema().size());
        assertEquals("hour", ds.schema().field(0).name());
        long[] empty = emptyPerColumn(lines.subList(1, lines.size()), ",", 24);
        for (int fi = 0; fi < 22; fi++) assertEquals(empty[fi + 2], ds.report().fields().get(fi).missing(), "missing of field " + fi);
    }

    @ParameterizedTest
    @MethodSource("avazu")
    void avazuHourOfDayAndWeekday(Path f) {
        EncodedDataset ds = load(f, CtrFormat.avazuCsv(), PreprocessOptions.builder().strict().minCount(1)
                .hour(PreprocessOptions.HourEncoding.HOUR_OF_DAY_AND_WEEKDAY));
        assertEquals(23, ds.schema().size());
        assertEquals(List.of("hour_of_day", "hour_weekday"), ds.schema().names().subList(0, 2));
        // reference: hour of day and weekday straight from the text, through java.time
        List<String> lines = TestFiles.lines(f);
        java.util.Set<String> hours = new java.util.HashSet<>(), weekdays = new java.util.HashSet<>();
        for (String l : lines.subList(1, lines.size())) {
            String h = l.split(",")[2];
            hours.add(h.substring(6));
            weekdays.add(String.valueOf(java.time.LocalDate.of(2000 + Integer.parseInt(h.substring(0, 2)), Integer.parseInt(h.substring(2, 4)),
                    Integer.parseInt(h.substring(4, 6))).getDayOfWeek().getValue()));
        }
        assertEquals(hours.size() + 1, ds.schema().cardinality(0), "min count 1: every hour of day, plus OOV");
        assertEquals(weekdays.size() + 1, ds.schema().cardinality(1));
        assertEquals(hours.size(), ds.report().field("hour_of_day").distinct());
    }

    @ParameterizedTest
    @MethodSource("bars")
    void barsPreIndexedCsv(Path f) {
        EncodedDataset ds = load(f, CtrFormat.barsCsv(22), PreprocessOptions.builder().strict());
        assertEquals(70, ds.rows());
        List<String> lines = TestFiles.lines(f);
        for (int fi = 0; fi < 22; fi++) {
            int col = fi + 1;
            long distinct = lines.stream().skip(1).map(l -> l.split(",")[col]).distinct().count();
            assertEquals(distinct + 1, ds.schema().cardinality(fi), "min count 1 keeps every id, plus the OOV row");
        }
    }

    @ParameterizedTest
    @MethodSource("bars")
    void libFmMatchesTheSameDataAsBarsCsv(Path bars) {
        StringBuilder sb = new StringBuilder();
        for (String l : TestFiles.lines(bars).subList(1, 71)) {
            String[] v = l.split(",");
            sb.append(v[0]);
            for (int i = 1; i < v.length; i++) sb.append(i % 2 == 0 ? '\t' : ' ').append(v[i]).append(":1");
            sb.append('\n');
        }
        Path libfm = TestFiles.write(tmp, "sample.libfm", sb.toString());
        EncodedDataset a = load(bars, CtrFormat.barsCsv(22), PreprocessOptions.builder().strict());
        EncodedDataset b = load(libfm, CtrFormat.libFm(22), PreprocessOptions.builder().strict());
        assertArrayEquals(a.schema().cardinalities(), b.schema().cardinalities());
        for (int r = 0; r < a.rows(); r++) {
            assertEquals(a.label(r), b.label(r));
            for (int f = 0; f < 22; f++) assertEquals(a.index(r, f), b.index(r, f), "row " + r + " field " + f);
        }
    }

    @ParameterizedTest
    @MethodSource("criteoRaw")
    void genericDelimitedFormatWithAnExplicitSchema(Path f) {
        // Criteo's raw file read with a hand-written schema: only I1 and C1 kept, the rest skipped unparsed.
        List<DelimitedFormat.Column> cols = new ArrayList<>();
        cols.add(new DelimitedFormat.Column("y", DelimitedFormat.Role.LABEL));
        cols.add(new DelimitedFormat.Column("I1", DelimitedFormat.Role.NUMERIC));
        for (int i = 2; i <= 13; i++) cols.add(new DelimitedFormat.Column("I" + i, DelimitedFormat.Role.SKIP));
        cols.add(new DelimitedFormat.Column("C1", DelimitedFormat.Role.CATEGORICAL));
        for (int i = 2; i <= 26; i++) cols.add(new DelimitedFormat.Column("C" + i, DelimitedFormat.Role.SKIP));
        DelimitedFormat fmt = new DelimitedFormat("two fields", '\t', DelimitedFormat.Header.NONE, cols, 1);
        EncodedDataset ds = load(f, fmt, PreprocessOptions.builder().strict());
        assertEquals(List.of("I1", "C1"), ds.schema().names());
        EncodedDataset full = load(f, CtrFormat.criteoTsv(), PreprocessOptions.builder().strict().minCount(1));
        assertEquals(full.schema().cardinality(0), ds.schema().cardinality(0));
        assertEquals(full.schema().cardinality(13), ds.schema().cardinality(1));
    }

    @ParameterizedTest
    @MethodSource("criteoRaw")
    void minCountAndOovAgainstAnIndependentCount(Path f) {
        int minCount = 3;
        EncodedDataset ds = load(f, CtrFormat.criteoTsv(), PreprocessOptions.builder().strict().minCount(minCount));
        List<String> lines = TestFiles.lines(f);
        for (int fi = 0; fi < 39; fi++) {
            Map<String, Integer> counts = new HashMap<>();
            for (String l : lines) {
                String v = l.split("\t", -1)[fi + 1];
                String token = fi < 13 && !v.isEmpty() ? String.valueOf(referenceBucket(Long.parseLong(v))) : v;
                counts.merge(token, 1, Integer::sum);
            }
            long kept = counts.values().stream().filter(c -> c >= minCount).count();
            long oov = counts.values().stream().filter(c -> c < minCount).mapToLong(c -> c).sum();
            assertEquals(kept + 1, ds.schema().cardinality(fi), "cardinality of field " + fi);
            assertEquals(oov, ds.report().fields().get(fi).oov(), "OOV count of field " + fi);
            assertEquals(counts.size(), ds.report().fields().get(fi).distinct(), "distinct tokens of field " + fi);
            long oovRows = 0;
            for (int r = 0; r < ds.rows(); r++) if (ds.index(r, fi) == ds.schema().field(fi).oovIndex()) oovRows++;
            assertEquals(oov, oovRows, "rows at the OOV index of field " + fi);
        }
    }

    private static long referenceBucket(long v) {
        return v > 2 ? (long) Math.floor(Math.pow(Math.log(v), 2)) : v - 2;
    }

    @ParameterizedTest
    @MethodSource("criteoRaw")
    void indexOrderIsDeterministicAndByFrequency(Path f) {
        EncodedDataset a = CtrData.load(f, CtrFormat.criteoTsv(), TestFiles.options(tmp.resolve("a")).minCount(2).build());
        EncodedDataset b = CtrData.load(f, CtrFormat.criteoTsv(), TestFiles.options(tmp.resolve("b")).minCount(2).build());
        for (int fi = 0; fi < 39; fi++) {
            int[] freq = new int[a.schema().cardinality(fi)];
            for (int r = 0; r < a.rows(); r++) {
                assertEquals(a.index(r, fi), b.index(r, fi));
                freq[a.index(r, fi)]++;
            }
            for (int i = 1; i + 1 < freq.length; i++) assertTrue(freq[i - 1] >= freq[i], "field " + fi + ": index " + i + " more frequent than " + (i - 1));
        }
    }

    @ParameterizedTest
    @MethodSource("criteoCsv")
    void trainOnlyVocabularyCountsOnlyTrainingRows(Path f) {
        EncodedDataset whole = load(f, CtrFormat.criteoCsv(), PreprocessOptions.builder().minCount(2));
        EncodedDataset train = load(f, CtrFormat.criteoCsv(), PreprocessOptions.builder().minCount(2)
                .vocabulary(PreprocessOptions.VocabularyScope.TRAIN_ONLY));
        Rows tr = Split.of(200, 0).train();
        List<String> lines = TestFiles.lines(f);
        for (int fi = 13; fi < 39; fi++) {    // categorical fields: tokens are the raw strings
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < tr.size(); i++) counts.merge(lines.get(tr.get(i) + 1).split(",", -1)[fi + 1], 1, Integer::sum);
            assertEquals(counts.values().stream().filter(c -> c >= 2).count() + 1, train.schema().cardinality(fi), "field " + fi);
            assertTrue(train.schema().cardinality(fi) <= whole.schema().cardinality(fi));
        }
    }

    @ParameterizedTest
    @MethodSource("criteoRaw")
    void gzipIsReadTransparently(Path plain) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(Files.readAllBytes(plain));
        }
        Path gzFile = TestFiles.write(tmp, "sample.tsv.gz", bos.toByteArray());
        EncodedDataset a = load(plain, CtrFormat.criteoTsv(), PreprocessOptions.builder().strict());
        EncodedDataset b = load(gzFile, CtrFormat.criteoTsv(), PreprocessOptions.builder().strict());
        assertArrayEquals(a.schema().cardinalities(), b.schema().cardinalities());
        for (int r = 0; r < a.rows(); r++) for (int fi = 0; fi < 39; fi++) assertEquals(a.index(r, fi), b.index(r, fi));
        assertTrue(b.report().notes().contains("read as gzip"));
    }

    @ParameterizedTest
    @MethodSource("criteoRaw")
    void fieldsTableSummarisesTheDataset(Path f) {
        EncodedDataset ds = load(f, CtrFormat.criteoTsv(), PreprocessOptions.builder());
        var t = ds.fieldsTable();
        assertEquals(39, t.rowCount());
        assertEquals(List.of("field", "kind", "cardinality", "missing %", "OOV %"), t.columnNames());
        int i12 = ds.schema().indexOf("I12");
        assertEquals(100.0 * ds.report().field("I12").missing() / 100, t.doubleColumn("missing %").get(i12), 1e-9);
    }

    @ParameterizedTest
    @MethodSource("criteoRaw")
    void progressNamesItsUnitsAndReachesTheEndOfEachPassBeforeItIsDone(Path f) {
        Map<String, long[]> last = new HashMap<>();
        Map<String, String> units = new HashMap<>();
        List<String> finished = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void start(String task, String unit) {
                units.put(task, unit);
            }

            @Override
            public void update(String task, long done, long total) {
                last.put(task, new long[]{done, total});
            }

            @Override
            public void done(String task) {
                finished.add(task);
            }
        };
        CtrData.load(f, CtrFormat.criteoTsv(), TestFiles.options(tmp.resolve("cache")).progress(recording).build());
        assertEquals(List.of("reading " + f.getFileName(), "encoding " + f.getFileName()), finished);
        assertEquals(Map.of(finished.get(0), "bytes", finished.get(1), "rows"), units, "reading counts bytes, encoding rows");
        try {
            assertArrayEquals(new long[]{Files.size(f), Files.size(f)}, last.get(finished.get(0)), "reading: bytes read of the file's size");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertArrayEquals(new long[]{100, 100}, last.get(finished.get(1)), "encoding: rows written of the sample's 100");
    }
}
