package org.collapselab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ResultCacheTest {
    @TempDir
    Path tmp;

    private final AtomicInteger computed = new AtomicInteger();

    private Table compute() {
        computed.incrementAndGet();
        return Table.create("r", StringColumn.create("model", "DCNv2 SE K10", "DCNv2 ME 4×K10"), DoubleColumn.create("test AUC", 0.8012345678, 0.8034));
    }

    private static Provenance prov(long seed) {
        return Provenance.of("scaling").with("seed", seed).with("scales", "[1, 2]").build();
    }

    @Test
    void aSecondCallReturnsTheStoredTableWithoutComputing() {
        ResultCache cache = new ResultCache(tmp);
        Table first = cache.getOrCompute(prov(0), this::compute);
        Table second = cache.getOrCompute(prov(0), this::compute);
        assertEquals(1, computed.get());
        assertEquals(first.print(), second.print());
        assertEquals(0.8012345678, second.doubleColumn("test AUC").get(0), 0);
        assertEquals("DCNv2 ME 4×K10", second.stringColumn("model").get(1));
        assertTrue(cache.contains(prov(0)));
    }

    @Test
    void otherInputsAreAnotherResult() {
        ResultCache cache = new ResultCache(tmp);
        cache.getOrCompute(prov(0), this::compute);
        assertFalse(cache.contains(prov(1)));
        cache.getOrCompute(prov(1), this::compute);
        assertEquals(2, computed.get());
        assertNotEquals(prov(0).key(), prov(1).key());
        assertTrue(prov(0).describe().contains("toolkit=" + Provenance.TOOLKIT_VERSION));
    }

    @Test
    void anEditedOrCorruptResultIsRecomputed() throws IOException {
        ResultCache cache = new ResultCache(tmp);
        cache.getOrCompute(prov(0), this::compute);
        Path csv = tmp.resolve(prov(0).key() + ".csv");
        Files.writeString(csv, Files.readString(csv).replace("0.80", "0.90"));
        assertFalse(cache.contains(prov(0)));
        Table again = cache.getOrCompute(prov(0), this::compute);
        assertEquals(2, computed.get());
        assertEquals(0.8012345678, again.doubleColumn("test AUC").get(0), 0);
        assertTrue(cache.contains(prov(0)));
    }

    @Test
    void provenanceNamesAreChecked() {
        assertEquals("recipe name must be letters, digits, '.', '_' or '-', got 'a b'",
                assertThrows(IllegalArgumentException.class, () -> Provenance.of("a b").build()).getMessage());
        assertEquals("input 'x' must be one line, got 'a\nb'",
                assertThrows(IllegalArgumentException.class, () -> Provenance.of("r").with("x", "a\nb")).getMessage());
    }
}
