package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data faults of issue 12: each lost rows or read a damaged file silently, or failed without saying where. */
class DataFaultsTest {
    @TempDir
    Path tmp;

    private PreprocessOptions.Builder options() {
        return TestFiles.options(tmp.resolve("cache"));
    }

    @Test
    void libFmMinusOnePlusOneLabelsAreReadNotDropped() {
        // Frappe writes -1/+1: every -1 row used to be rejected (two thirds of the file), silently in lenient mode
        List<String> signed = FormatSamples.lines(CtrFormat.libFm(10), 300, 5, FormatSamples.Quirk.SIGNED_LABELS);
        List<String> plain = FormatSamples.lines(CtrFormat.libFm(10), 300, 5);
        EncodedDataset s = CtrData.load(FormatSamples.write(tmp.resolve("frappe.libfm"), signed), CtrFormat.libFm(10), options().build());
        EncodedDataset p = CtrData.load(FormatSamples.write(tmp.resolve("plain.libfm"), plain), CtrFormat.libFm(10), options().build());
        assertEquals(300, s.rows());
        long minus = signed.stream().filter(l -> l.startsWith("-1 ")).count();
        assertEquals(List.of(minus + " labels written -1 were read as 0 (libFM's -1/+1 convention)"), s.report().notes());
        for (int r = 0; r < 300; r++) assertEquals(p.label(r), s.label(r), "row " + r + ": -1 is 0, +1 is 1");
        assertTrue(minus > 0 && minus < 300);
    }

    @Test
    void aLabelThatIsNeitherConventionNamesBoth() {
        Path f = TestFiles.write(tmp, "bad.libfm", "2 1:1 2:1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrData.load(f, CtrFormat.libFm(2), options().strict().build()));
        assertEquals(f + ":1: label must be 0/1 or libFM's -1/+1, found '2' (is bad.libfm in format 'libFM (2 fields)'?)", e.getMessage());
    }

    /** 200 Criteo lines of which {@code bad} have a label 7. */
    private Path criteoWithBadLabels(String name, int bad) {
        List<String> ls = new ArrayList<>(FormatSamples.lines(CtrFormat.criteoTsv(), 200, 9));
        for (int i = 0; i < bad; i++) ls.set(10 + 7 * i, "7" + ls.get(10 + 7 * i).substring(1));
        return FormatSamples.write(tmp.resolve(name), ls);
    }

    @Test
    void rejectsOverTheBudgetFailNamingTheMainReasonAndALine() {
        Path f = criteoWithBadLabels("labels.tsv", 6);    // 3% of the lines, over the default 1%
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrData.load(f, CtrFormat.criteoTsv(), options().build()));
        assertEquals(f + ":11: 6 of 200 lines (3.00%) were rejected, over the reject budget of 1.00%; mostly 6 × label is not 0 or 1"
                + " (libFM: also -1/+1), e.g. line 11: column label: label must be 0 or 1, found '7' (fix the file or the format, or raise"
                + " the budget: PreprocessOptions.builder().rejectBudget(fraction))", e.getMessage());
        // a cache built under a larger budget does not let the same rejects through the default budget later
        EncodedDataset ok = CtrData.load(f, CtrFormat.criteoTsv(), options().rejectBudget(0.05).build());
        assertEquals(194, ok.rows());
        assertEquals(6, ok.report().rejected(RejectReason.LABEL));
        assertThrows(DataFormatException.class, () -> CtrData.load(f, CtrFormat.criteoTsv(), options().build()));
    }

    @Test
    void rejectsWithinTheBudgetAreCountedAndSummarised() {
        Path f = criteoWithBadLabels("two.tsv", 2);    // 1%, within the budget
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        EncodedDataset ds;
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));    // slf4j-simple's output
            ds = CtrData.load(f, CtrFormat.criteoTsv(), options().build());
        } finally {
            System.setErr(err);
        }
        assertEquals(198, ds.rows());
        assertEquals(f + ": 2 of 200 lines rejected (2 × label is not 0 or 1 (libFM: also -1/+1), e.g. line 11: column label: "
                + "label must be 0 or 1, found '7')", ds.report().rejectSummary());
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("WARN org.collapselab.data.CtrData - " + ds.report().rejectSummary()), "the load warns: " + log);
        assertThrows(IllegalArgumentException.class, () -> options().rejectBudget(1.5).build());
    }

    @Test
    void gzipMembersAreAllRead() {
        List<String> ls = FormatSamples.lines(CtrFormat.criteoTsv(), 300, 3);
        Path f = FormatSamples.write(tmp.resolve("cat.tsv.gz"), ls, FormatSamples.Quirk.GZIP_MEMBERS);
        EncodedDataset ds = CtrData.load(f, CtrFormat.criteoTsv(), options().strict().build());
        assertEquals(300, ds.rows());
    }

    /** Two members, the second damaged by {@code damage}. */
    private Path twoMembers(String name, java.util.function.UnaryOperator<byte[]> damage) {
        byte[] text = FormatSamples.bytes(FormatSamples.lines(CtrFormat.criteoTsv(), 200, 4));
        int half = text.length / 2;
        while (text[half - 1] != '\n') half++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(FormatSamples.gzip(text, 0, half));
        out.writeBytes(damage.apply(FormatSamples.gzip(text, half, text.length)));
        return TestFiles.write(tmp, name, out.toByteArray());
    }

    @Test
    void aCorruptSecondGzipMemberFails() {
        Path f = twoMembers("corrupt.tsv.gz", m -> {
            m[2] = 7;    // compression method
            return m;
        });
        for (boolean strict : new boolean[]{true, false}) {
            PreprocessOptions o = (strict ? options().strict() : options().lenient()).build();
            DataFormatException e = assertThrows(DataFormatException.class, () -> CtrData.load(f, CtrFormat.criteoTsv(), o));
            assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
            assertTrue(e.getMessage().contains("gzip stream is truncated or corrupt after line "), e.getMessage());
            assertTrue(e.getMessage().matches(".*gzip member 2 \\(starting at byte \\d+\\): compression method 7, gzip has only 8 \\(deflate\\)"),
                    e.getMessage());
        }
    }

    @Test
    void aTruncatedSecondGzipHeaderFails() {
        Path f = twoMembers("cut.tsv.gz", m -> Arrays.copyOf(m, 5));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrData.load(f, CtrFormat.criteoTsv(), options().build()));
        assertTrue(e.getMessage().matches(".*gzip member 2 \\(starting at byte \\d+\\): the file ends inside the header \\(truncated\\) at byte \\d+"),
                e.getMessage());
    }

    @Test
    void garbageAfterTheLastGzipMemberFails() {
        byte[] gz = FormatSamples.bytes(FormatSamples.lines(CtrFormat.criteoTsv(), 50, 4), FormatSamples.Quirk.GZIP);
        byte[] withTail = Arrays.copyOf(gz, gz.length + 3);
        withTail[gz.length] = 'x';
        Path g = TestFiles.write(tmp, "garbage.tsv.gz", withTail);
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrData.load(g, CtrFormat.criteoTsv(), options().build()));
        assertTrue(e.getMessage().endsWith("gzip member 2 (starting at byte " + gz.length + "): not a gzip header (bytes 78 00, "
                + "expected 1f 8b): garbage after the last complete member"), e.getMessage());
    }

    @Test
    void aFailedWriteToTheMappedCacheNamesTheFileAndTheDisk() {
        // a full disk surfaces in a mapped write as this InternalError (SIGBUS); it must not escape as it is
        Schema schema = new Schema(List.of(new Field("f", FieldKind.CATEGORICAL, 3)));
        PreprocessReport report = new PreprocessReport("src", "test", 2, 2, List.of(),
                List.of(new PreprocessReport.FieldCounts("f", FieldKind.CATEGORICAL, 0, 0, 2, 2)), List.of());
        Path target = tmp.resolve("c").resolve("x.clds");
        DatasetCache.Identity id = new DatasetCache.Identity("src", 1, 1, "fp");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> DatasetCache.write(target, id, schema, 2, null, report, (l, c) -> {
            throw new InternalError("a fault occurred in a recent unsafe memory access operation in compiled Java code");
        }));
        assertTrue(e.getMessage().startsWith("cannot write the dataset cache " + target + ": a write to the memory-mapped file "), e.getMessage());
        assertTrue(e.getMessage().contains("most likely the disk is full ("), e.getMessage());
        assertTrue(e.getMessage().contains(" bytes free, the cache needs 4106)"), e.getMessage());
        assertTrue(Files.notExists(target));
    }

    @Test
    void aSplitWithOneClassInAPartIsRefusedNamingThePart() {
        Schema schema = new Schema(List.of(new Field("f", FieldKind.CATEGORICAL, 2)));
        byte[] labels = new byte[100];
        int[][] cols = {new int[100]};
        Split split = Split.of(100, 0);
        for (int i = 0; i < split.train().size(); i += 2) labels[split.train().get(i)] = 1;
        labels[split.test().get(0)] = 1;    // validation stays all 0
        EncodedDataset ds = EncodedDataset.of(schema, cols, labels, "planted");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ds.requireBothClasses(split));
        assertEquals("the validation rows of the split (10 of 100) are all labelled 0: AUC is undefined and there is nothing to learn; "
                + "check the labels of planted (dataset.report(): 0 lines rejected)", e.getMessage());
        labels[split.valid().get(3)] = 1;
        EncodedDataset both = EncodedDataset.of(schema, cols, labels, "planted");
        both.requireBothClasses(split);    // no exception once every part has both classes
    }

    @Test
    void aLibFmLineWithTwoPairsTooManyIsRejectedNotACrash() {
        // found by ParserFuzzTest: the second extra pair indexed past the field arrays (ArrayIndexOutOfBoundsException)
        Path f = TestFiles.write(tmp, "long.libfm", "1 1:1 2:1\n1 1:1 2:1 3:1 4:1\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> CtrData.load(f, CtrFormat.libFm(2), options().strict().build()));
        assertEquals(f + ":2: expected 2 idx:val pairs, found 4", e.getMessage());
    }

    @Test
    void aDamagedPaddingByteOfTheCacheIsDetected() throws java.io.IOException {
        // found by ParserFuzzTest: the padding between the header and the page-aligned payload had no check
        Path src = FormatSamples.write(tmp.resolve("train.txt"), FormatSamples.lines(CtrFormat.criteoTsv(), 50, 6));
        EncodedDataset built = CtrData.load(src, CtrFormat.criteoTsv(), options().build());
        Path cache = built.cache().orElseThrow().file();
        byte[] b = Files.readAllBytes(cache);
        int payload = (int) java.nio.ByteBuffer.wrap(b, 24, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();    // from the preamble
        b[payload - 1] = 1;    // the last byte of the padding between the header and the page-aligned payload
        Files.write(cache, b);
        EncodedDataset again = CtrData.load(src, CtrFormat.criteoTsv(), options().build());
        assertEquals(EncodedDataset.CacheInfo.Status.REBUILT, again.cache().orElseThrow().status());
        assertEquals("cache " + cache + " not used: byte " + (payload - 1) + ", outside the checksummed header and payload, is not zero (the file is "
                + "corrupt); rebuilding it", again.cache().orElseThrow().message());
    }
}
