package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.collapselab.data.EncodedDataset.CacheInfo.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
    @TempDir
    Path tmp;

    private Path source() throws IOException {
        return FormatSamples.write(tmp.resolve("train.txt"), TestFiles.criteoLines());
    }

    private PreprocessOptions options() {
        return TestFiles.options(tmp.resolve("cache")).minCount(2).build();
    }

    private static void assertSameData(EncodedDataset a, EncodedDataset b) {
        assertEquals(a.schema(), b.schema());
        assertEquals(a.rows(), b.rows());
        assertEquals(a.report(), b.report());
        for (int r = 0; r < a.rows(); r++) {
            assertEquals(a.label(r), b.label(r));
            for (int f = 0; f < a.schema().size(); f++) assertEquals(a.index(r, f), b.index(r, f));
        }
    }

    /** An independent encoding of the same file, built without any cache involvement in between. */
    private EncodedDataset fresh(Path src) {
        return CtrData.load(src, CtrFormat.criteoTsv(), TestFiles.options(tmp.resolve("fresh-" + System.nanoTime())).minCount(2).build());
    }

    @Test
    void roundTripIsIdentical() throws IOException {
        Path src = source();
        EncodedDataset built = CtrData.load(src, CtrFormat.criteoTsv(), options());
        assertEquals(Status.BUILT, built.cache().orElseThrow().status());
        EncodedDataset hit = CtrData.load(src, CtrFormat.criteoTsv(), options());
        assertEquals(Status.HIT, hit.cache().orElseThrow().status());
        assertEquals(built.cache().get().file(), hit.cache().get().file());
        assertSameData(built, hit);
        assertTrue(built.report().fields().stream().anyMatch(f -> f.oov() > 0), "the report survives the round trip with real OOV counts");
    }

    @Test
    void aFlippedByteIsDetectedAndTheCacheRebuilt() throws IOException {
        Path src = source();
        EncodedDataset built = CtrData.load(src, CtrFormat.criteoTsv(), options());
        Path file = built.cache().orElseThrow().file();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long pos = raf.length() - 10;    // inside the last column
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x01);
        }
        EncodedDataset again = CtrData.load(src, CtrFormat.criteoTsv(), options());
        EncodedDataset.CacheInfo info = again.cache().orElseThrow();
        assertEquals(Status.REBUILT, info.status());
        assertTrue(info.message().contains("payload checksum does not match"), info.message());
        assertSameData(fresh(src), again);
        assertEquals(Status.HIT, CtrData.load(src, CtrFormat.criteoTsv(), options()).cache().orElseThrow().status());
    }

    @Test
    void aCorruptHeaderIsDetected() throws IOException {
        Path src = source();
        Path file = CtrData.load(src, CtrFormat.criteoTsv(), options()).cache().orElseThrow().file();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(100);
            int b = raf.read();
            raf.seek(100);
            raf.write(b ^ 0x20);
        }
        EncodedDataset again = CtrData.load(src, CtrFormat.criteoTsv(), options());
        assertEquals(Status.REBUILT, again.cache().orElseThrow().status());
        assertTrue(again.cache().get().message().contains("header checksum does not match"), again.cache().get().message());
    }

    @Test
    void aTruncatedCacheIsDetected() throws IOException {
        Path src = source();
        Path file = CtrData.load(src, CtrFormat.criteoTsv(), options()).cache().orElseThrow().file();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 100);
        }
        EncodedDataset again = CtrData.load(src, CtrFormat.criteoTsv(), options());
        assertTrue(again.cache().orElseThrow().message().contains("it is truncated"), again.cache().get().message());
    }

    @Test
    void aLeftoverTempFileIsIgnored() throws IOException {
        Path src = source();
        Path file = CtrData.load(src, CtrFormat.criteoTsv(), options()).cache().orElseThrow().file();
        Path leftover = file.resolveSibling(file.getFileName() + ".tmp-1-1");
        Files.write(leftover, new byte[]{1, 2, 3});    // what a crash mid-write leaves behind
        EncodedDataset again = CtrData.load(src, CtrFormat.criteoTsv(), options());
        assertEquals(Status.HIT, again.cache().orElseThrow().status());
        Files.delete(file);
        EncodedDataset rebuilt = CtrData.load(src, CtrFormat.criteoTsv(), options());
        assertEquals(Status.BUILT, rebuilt.cache().orElseThrow().status());
        assertTrue(Files.exists(leftover), "never read, never needed");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file.getFileName().toString(), leftover.getFileName().toString()),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files of our own are left");
        }
    }

    @Test
    void aChangedSourceMakesTheCacheStale() throws IOException {
        Path src = source();
        CtrData.load(src, CtrFormat.criteoTsv(), options());
        List<String> lines = Files.readAllLines(src);
        Files.write(src, lines.subList(0, 50));
        Files.setLastModifiedTime(src, FileTime.fromMillis(Files.getLastModifiedTime(src).toMillis() + 5000));
        EncodedDataset again = CtrData.load(src, CtrFormat.criteoTsv(), options());
        assertEquals(Status.REBUILT, again.cache().orElseThrow().status());
        assertTrue(again.cache().get().message().contains("the source file changed"), again.cache().get().message());
        assertEquals(50, again.rows());
    }

    @Test
    void otherOptionsUseAnotherCacheFile() throws IOException {
        Path src = source();
        Path a = CtrData.load(src, CtrFormat.criteoTsv(), options()).cache().orElseThrow().file();
        EncodedDataset b = CtrData.load(src, CtrFormat.criteoTsv(), options().toBuilder().minCount(5).build());
        assertNotEquals(a, b.cache().orElseThrow().file());
        assertEquals(Status.BUILT, b.cache().get().status());
    }

    @Test
    void wideColumnsRoundTripAtEveryWidth() throws IOException {
        // one field per storage width: 200 values (1 byte), 3,000 (2 bytes), 70,000 (4 bytes)
        int n = 70_000;
        StringBuilder sb = new StringBuilder("label,feat_1,feat_2,feat_3\n");
        for (int r = 0; r < n; r++) sb.append(r % 2).append(',').append(r % 200).append(',').append(r % 3000).append(',').append(r).append('\n');
        Path src = TestFiles.write(tmp, "wide.csv", sb.toString());
        EncodedDataset built = CtrData.load(src, CtrFormat.barsCsv(3), TestFiles.options(tmp.resolve("cache")).build());
        EncodedDataset hit = CtrData.load(src, CtrFormat.barsCsv(3), TestFiles.options(tmp.resolve("cache")).build());
        assertEquals(Status.HIT, hit.cache().orElseThrow().status());
        assertEquals(List.of(1, 2, 4), List.of(hit.column(0).width(), hit.column(1).width(), hit.column(2).width()));
        int[] mods = {200, 3000, n};
        for (int f = 0; f < 3; f++) {
            // every value occurs equally often, so the index order is by token bytes; decode it back through a map
            java.util.Map<Integer, Integer> tokenOf = new java.util.HashMap<>();
            for (int r = 0; r < n; r++) {
                Integer prev = tokenOf.putIfAbsent(hit.index(r, f), r % mods[f]);
                assertEquals(prev == null ? r % mods[f] : prev, r % mods[f], "field " + f + " row " + r + ": one index, one token");
                assertEquals(built.index(r, f), hit.index(r, f));
            }
            assertEquals(mods[f], tokenOf.size());
        }
    }
}
