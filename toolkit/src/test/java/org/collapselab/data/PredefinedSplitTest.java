package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dataset that comes split: its parts are encoded with one vocabulary, and its split is theirs. */
class PredefinedSplitTest {
    @TempDir
    Path tmp;

    private final List<String> lines = TestFiles.criteoLines();    // 100 rows

    private Path write(String name, List<String> ls) {
        return TestFiles.write(tmp, name, String.join("\n", ls) + "\n");
    }

    private DataParts parts(List<String> all) {
        return DataParts.of(write("train.tsv", all.subList(0, 80)), write("valid.tsv", all.subList(80, 90)), write("test.tsv", all.subList(90, 100)));
    }

    private PreprocessOptions.Builder options() {
        return TestFiles.options(tmp.resolve("cache")).minCount(2);
    }

    @Test
    void threeFilesAreTheOneFileSplitAsGiven() {
        DataParts given = parts(lines);
        EncodedDataset split = CtrData.load(given, CtrFormat.criteoTsv(), options().build());
        EncodedDataset whole = CtrData.load(write("all.tsv", lines), CtrFormat.criteoTsv(), options().build());
        assertEquals(whole.schema(), split.schema(), "one vocabulary, counted over every part as over the whole file");
        assertEquals(whole.rows(), split.rows());
        for (int r = 0; r < whole.rows(); r++) {
            assertEquals(whole.label(r), split.label(r));
            for (int f = 0; f < whole.schema().size(); f++) assertEquals(whole.index(r, f), split.index(r, f), "row " + r + " field " + f);
        }
        assertArrayEquals(new int[] {80, 10, 10}, split.parts().orElseThrow());
        Split s = split.split();
        assertEquals(Rows.range(80).shuffled(0), s.train(), "the training part, in the split seed's batch order");
        assertArrayEquals(java.util.stream.IntStream.range(80, 90).toArray(), s.valid().toArray(), "the given validation rows, not a random tenth");
        assertArrayEquals(java.util.stream.IntStream.range(90, 100).toArray(), s.test().toArray());
        assertEquals(Rows.range(80).shuffled(7), split.split(SplitSpec.seeded(7)).train(), "the seed orders the training batches");
        var e = assertThrows(IllegalArgumentException.class, () -> split.split(new SplitSpec(0, 0.7, 0.2)));
        assertTrue(e.getMessage().contains("comes split into parts of 80, 10 and 10 rows") && e.getMessage().contains("cannot be honoured"), e.getMessage());
        // the report says what each file held; the cache read back keeps the parts
        assertTrue(split.report().notes().containsAll(List.of("train train.tsv: 80 lines, 80 rows", "valid valid.tsv: 10 lines, 10 rows",
                "test test.tsv: 10 lines, 10 rows")), split.report().notes().toString());
        assertEquals("train: train.tsv; valid: valid.tsv; test: test.tsv", split.report().source());
        EncodedDataset again = CtrData.load(given, CtrFormat.criteoTsv(), options().build());
        assertEquals(EncodedDataset.CacheInfo.Status.HIT, again.cache().orElseThrow().status());
        assertArrayEquals(new int[] {80, 10, 10}, again.parts().orElseThrow());
        assertEquals(split.contentDigest(), again.contentDigest());
        assertArrayEquals(new int[] {80, 10, 10}, CtrData.open(again.cache().get().file()).parts().orElseThrow(), "another JVM reopens the parts");
    }

    @Test
    void trainOnlyCountingMapsTokensSeenOnlyInTheOtherPartsToOov() {
        List<String> ls = new ArrayList<>(lines);
        for (int r = 90; r < 100; r++) {
            String[] v = ls.get(r).split("\t", -1);
            v[14] = "onlyintest";    // C1
            ls.set(r, String.join("\t", v));
        }
        EncodedDataset whole = CtrData.load(parts(ls), CtrFormat.criteoTsv(), options().build());
        EncodedDataset trainOnly = CtrData.load(parts(ls), CtrFormat.criteoTsv(),
                options().vocabulary(PreprocessOptions.VocabularyScope.TRAIN_ONLY).build());
        int c1 = whole.schema().indexOf("C1"), oov = trainOnly.schema().cardinality(c1) - 1;
        assertTrue(whole.index(95, c1) < whole.schema().cardinality(c1) - 1, "counted over every part, the test token has its own index");
        for (int r = 90; r < 100; r++) assertEquals(oov, trainOnly.index(r, c1), "row " + r + ": a token the training part never saw is OOV");
        assertTrue(trainOnly.report().field("C1").oov() >= 10, trainOnly.report().toString());
        assertEquals(Rows.range(80).shuffled(0), trainOnly.split().train(), "the training part is the one the vocabulary was counted on");
    }

    @Test
    void theIdentityCoversEveryPart() {
        String digest = CtrData.load(parts(lines), CtrFormat.criteoTsv(), options().build()).contentDigest();
        List<String> flipped = new ArrayList<>(lines);
        String v = flipped.get(85);
        flipped.set(85, (v.charAt(0) == '0' ? "1" : "0") + v.substring(1));    // one validation label
        assertNotEquals(digest, CtrData.load(parts(flipped), CtrFormat.criteoTsv(), options().build()).contentDigest());
        // the same rows cut elsewhere are another dataset
        DataParts other = DataParts.of(write("t2.tsv", lines.subList(0, 70)), write("v2.tsv", lines.subList(70, 90)), write("s2.tsv", lines.subList(90, 100)));
        assertNotEquals(digest, CtrData.load(other, CtrFormat.criteoTsv(), options().build()).contentDigest());
    }

    @Test
    void partsAreMadeOfSeveralFilesGzipOrNotAndGlobs() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("shards"));
        for (int i = 0; i < 4; i++) TestFiles.write(dir, "train-" + i + ".tsv", String.join("\n", lines.subList(20 * i, 20 * i + 20)) + "\n");
        try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(dir.resolve("valid-0.tsv.gz")))) {
            out.write((String.join("\n", lines.subList(80, 90)) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        TestFiles.write(dir, "test-0.tsv", String.join("\n", lines.subList(90, 100)) + "\n");
        EncodedDataset sharded = CtrData.load(DataParts.glob(dir, "train-*.tsv", "valid-*", "test-*"), CtrFormat.criteoTsv(), options().build());
        EncodedDataset single = CtrData.load(parts(lines), CtrFormat.criteoTsv(), options().build());
        assertEquals(single.schema(), sharded.schema());
        for (int r = 0; r < 100; r++) assertEquals(single.index(r, 20), sharded.index(r, 20));
        assertTrue(sharded.report().notes().contains("train train-3.tsv: 20 lines, 20 rows") && sharded.report().notes().contains("read as gzip"),
                sharded.report().notes().toString());
    }

    @Test
    void whatCannotBeASplitIsRefusedNamingTheFiles() throws Exception {
        Path t = write("train.tsv", lines.subList(0, 80));
        write("valid.tsv", lines.subList(80, 90));
        var glob = assertThrows(IllegalArgumentException.class, () -> DataParts.glob(tmp, "train*.tsv", "valid*.tsv", "nothing-*.tsv"));
        assertEquals("no file in " + tmp + " matches 'nothing-*.tsv' (the test part)", glob.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataParts.of(t, write("v.tsv", lines.subList(80, 90)), t)).getMessage()
                .contains("is in the parts twice"));
        // a part whose every line is rejected has no rows
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < 10; i++) bad.add("x\ty");
        DataParts emptyValid = DataParts.of(t, write("bad.tsv", bad), write("test.tsv", lines.subList(90, 100)));
        var empty = assertThrows(DataFormatException.class, () -> CtrData.load(emptyValid, CtrFormat.criteoTsv(), options().lenient().rejectBudget(1).build()));
        assertTrue(empty.getMessage().contains("the valid part") && empty.getMessage().contains("has no valid rows"), empty.getMessage());
        // over the reject budget in the validation part: the message names that file and line, not the first file's
        List<String> mixed = new ArrayList<>(lines.subList(80, 90));
        for (int i = 0; i < 5; i++) mixed.set(i, "x\ty");
        DataParts badValid = DataParts.of(t, write("mixed.tsv", mixed), write("test.tsv", lines.subList(90, 100)));
        var budget = assertThrows(DataFormatException.class, () -> CtrData.load(badValid, CtrFormat.criteoTsv(), options().lenient().build()));
        assertTrue(budget.getMessage().startsWith(t + ": 5 of 100 lines") && budget.getMessage().contains("e.g. mixed.tsv line 1:"), budget.getMessage());
        // files whose headers differ: the one that differs is named
        List<String> csv = FormatSamples.lines(CtrFormat.criteoCsv(), 30, 30);
        Path ct = write("c-train.csv", csv.subList(0, 21)), cv = write("c-valid.csv", List.of(csv.get(0).replace("I1", "i_one"), csv.get(21), csv.get(22)));
        Path cs = write("c-test.csv", List.of(csv.get(0), csv.get(23), csv.get(24)));
        var header = assertThrows(DataFormatException.class, () -> CtrData.load(DataParts.of(ct, cv, cs), CtrFormat.criteoCsv(), options().build()));
        assertTrue(header.getMessage().startsWith(cv + ":1: "), header.getMessage());
    }
}
