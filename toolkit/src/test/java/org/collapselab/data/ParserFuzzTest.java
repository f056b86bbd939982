package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.collapselab.testing.Mutations.Mutation;
import org.collapselab.testing.Mutations;

/**
 * Fuzzing of every CTR file parser and of the dataset cache: random damage to a valid file (of each built-in
 * format, a generic delimited one, gzip) must end in a loaded dataset or a {@link DataFormatException} naming the
 * file, within a time limit; a lenient load must account for every line (rows kept + rows rejected = lines read,
 * counted independently); a damaged cache must be detected and rebuilt into the same data.
 */
class ParserFuzzTest {
    private static Path root;

    @BeforeContainer
    static void makeRoot() throws IOException {
        root = Files.createTempDirectory("collapselab-fuzz");
    }

    @AfterContainer
    static void removeRoot() {
        Mutations.deleteTree(root);
    }

    /** The parsers: each built-in format and a generic delimited one that has every column role. */
    enum Kind {
        CRITEO_TSV, CRITEO_CSV, AVAZU, BARS, LIBFM, GENERIC;

        CtrFormat format() {
            return switch (this) {
                case CRITEO_TSV -> CtrFormat.criteoTsv();
                case CRITEO_CSV -> CtrFormat.criteoCsv();
                case AVAZU -> CtrFormat.avazuCsv();
                case BARS -> CtrFormat.barsCsv(5);
                case LIBFM -> CtrFormat.libFm(4);
                case GENERIC -> new DelimitedFormat("generic", ';', DelimitedFormat.Header.SKIP, List.of(
                        new DelimitedFormat.Column("n", DelimitedFormat.Role.NUMERIC), new DelimitedFormat.Column("y", DelimitedFormat.Role.LABEL),
                        new DelimitedFormat.Column("h", DelimitedFormat.Role.HOUR), new DelimitedFormat.Column("x", DelimitedFormat.Role.SKIP),
                        new DelimitedFormat.Column("c", DelimitedFormat.Role.CATEGORICAL)), 2);
            };
        }

        boolean header() {
            return format() instanceof DelimitedFormat d && d.header() != DelimitedFormat.Header.NONE;
        }
    }

    @Provide
    Arbitrary<List<Mutation>> damage() {
        return Mutations.mutations();
    }

    private static PreprocessOptions options(Path dir, boolean strict, Kind kind) {
        PreprocessOptions.Builder b = PreprocessOptions.builder().cacheDir(dir.resolve("cache"))
                .hour(kind == Kind.GENERIC ? PreprocessOptions.HourEncoding.HOUR_OF_DAY_AND_WEEKDAY : PreprocessOptions.HourEncoding.RAW);
        return (strict ? b.strict() : b.lenient().rejectBudget(1)).build();
    }

    /** Loads damaged bytes; checks the outcome; returns the dataset, or null when the load failed as it may. */
    private static EncodedDataset loadDamaged(byte[] bytes, String name, Kind kind, boolean strict) throws Exception {
        Path dir = Files.createTempDirectory(root, "try");
        Path file = TestFiles.write(dir, name, bytes);
        try {
            EncodedDataset ds = Mutations.within(20, () -> CtrData.load(file, kind.format(), options(dir, strict, kind)));
            PreprocessReport r = ds.report();
            assertEquals(ds.rows(), r.rowsKept());
            assertEquals(r.linesRead(), r.rowsKept() + r.rejects().stream().mapToLong(PreprocessReport.Rejects::count).sum(),
                    "rows kept + rows rejected = lines read");
            if (strict) assertEquals(0, r.rowsRejected());
            return ds;
        } catch (DataFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ":"), "the message names the file: " + e.getMessage());
            return null;
        } finally {
            Mutations.deleteTree(dir);
        }
    }

    /** Lines of a text, as a reader splitting on LF counts them (a last line without LF counts). */
    private static long lines(byte[] b) {
        long n = 0;
        for (byte x : b) if (x == '\n') n++;
        return b.length > 0 && b[b.length - 1] != '\n' ? n + 1 : n;
    }

    @Property(tries = 300, seed = "102")
    void damagedFilesOfEveryFormatLoadOrFailNamingTheFile(@ForAll Kind kind, @ForAll("damage") List<Mutation> damage,
                                                         @ForAll boolean strict) throws Exception {
        byte[] valid = FormatSamples.bytes(FormatSamples.lines(kind.format(), 40, kind.ordinal()));
        byte[] bad = Mutations.apply(valid, damage);
        EncodedDataset ds = loadDamaged(bad, "in.txt", kind, strict);
        boolean gzipMagic = bad.length >= 2 && (bad[0] & 0xff) == 0x1f && (bad[1] & 0xff) == 0x8b;
        if (ds != null && !gzipMagic)
            assertEquals(lines(bad) - (kind.header() ? 1 : 0), ds.report().linesRead(), "lines read, counted independently");
    }

    @Property(tries = 120, seed = "103")
    void damagedGzipLoadsOrFailsNamingTheFile(@ForAll("damage") List<Mutation> damage, @ForAll boolean members) throws Exception {
        byte[] valid = FormatSamples.bytes(FormatSamples.lines(CtrFormat.criteoTsv(), 60, 3),
                members ? FormatSamples.Quirk.GZIP_MEMBERS : FormatSamples.Quirk.GZIP);
        byte[] bad = Mutations.apply(valid, damage);
        EncodedDataset ds = loadDamaged(bad, "in.tsv.gz", Kind.CRITEO_TSV, false);
        boolean gzipMagic = bad.length >= 2 && (bad[0] & 0xff) == 0x1f && (bad[1] & 0xff) == 0x8b;
        if (ds != null && gzipMagic) {
            // every member was well-formed: the JDK's decoder sees the same text
            byte[] text = new GZIPInputStream(new ByteArrayInputStream(bad)).readAllBytes();
            assertEquals(lines(text), ds.report().linesRead(), "lines read, counted independently");
        }
    }

    private static Path cacheSource, cacheDir, cacheFile;
    private static int[] freshCardinalities;
    private static List<Integer> freshData;
    private static byte[] validCache;

    /** Labels and indices, row by row, copied off the (mapped) dataset. */
    private static List<Integer> data(EncodedDataset ds) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < ds.rows(); r++) {
            out.add(ds.label(r));
            for (int f = 0; f < ds.schema().size(); f++) out.add(ds.index(r, f));
        }
        return out;
    }

    private static synchronized void buildCacheOnce() throws IOException {
        if (freshData != null) return;
        Path dir = Files.createTempDirectory(root, "cache");
        cacheSource = FormatSamples.write(dir.resolve("train.txt"), FormatSamples.lines(CtrFormat.criteoTsv(), 300, 8));
        cacheDir = dir.resolve("cache");
        EncodedDataset fresh = CtrData.load(cacheSource, CtrFormat.criteoTsv(), PreprocessOptions.builder().cacheDir(cacheDir).minCount(2).build());
        cacheFile = fresh.cache().orElseThrow().file();
        validCache = Files.readAllBytes(cacheFile);
        freshCardinalities = fresh.schema().cardinalities();
        freshData = data(fresh);    // the tries overwrite the file this dataset is mapped from
    }

    @Property(tries = 60, seed = "104")
    void aDamagedCacheIsDetectedAndRebuiltIntoTheSameData(@ForAll("damage") List<Mutation> damage) throws Exception {
        buildCacheOnce();
        byte[] bad = Mutations.apply(validCache, damage);
        Files.write(cacheFile, bad);
        EncodedDataset ds = Mutations.within(20, () -> CtrData.load(cacheSource, CtrFormat.criteoTsv(),
                PreprocessOptions.builder().cacheDir(cacheDir).minCount(2).build()));
        EncodedDataset.CacheInfo.Status expected = java.util.Arrays.equals(bad, validCache)
                ? EncodedDataset.CacheInfo.Status.HIT : EncodedDataset.CacheInfo.Status.REBUILT;
        assertEquals(expected, ds.cache().orElseThrow().status(), ds.cache().orElseThrow().message());
        assertArrayEquals(freshCardinalities, ds.schema().cardinalities());
        assertEquals(freshData, data(ds));
    }
}
