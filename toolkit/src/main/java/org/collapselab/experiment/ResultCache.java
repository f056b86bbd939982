package org.collapselab.experiment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.collapselab.data.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * Results of experiment recipes on disk, keyed by their {@link Provenance}: {@code KEY.csv} holds the table and
 * {@code KEY.provenance} what it was computed from, with the CSV's SHA-256. A stored result is used only when its
 * provenance matches exactly and its checksum verifies; otherwise it is recomputed (with a message) and replaced.
 * Files are written atomically, so an interrupted run leaves either the old result or none.
 */
public final class ResultCache {
    private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);
    private final Path dir;

    public ResultCache(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    public Path dir() {
        return dir;
    }

    /** The stored table of {@code p}, or the computed one (then stored). */
    public Table getOrCompute(Provenance p, Supplier<Table> compute) {
        Path csv = dir.resolve(p.key() + ".csv"), prov = dir.resolve(p.key() + ".provenance");
        if (Files.exists(csv) && Files.exists(prov)) {
            String why = verify(p, csv, prov);
            if (why == null) return read(csv, prov);
            LOG.warn("result {} not used: {}; recomputing it", csv, why);
        }
        Table t = Objects.requireNonNull(compute.get(), "the recipe returned no table");
        write(p, t, csv, prov);
        return read(csv, prov);    // what later runs will read, so this run sees exactly the same table
    }

    /** Whether a verified result of {@code p} is stored. */
    public boolean contains(Provenance p) {
        Path csv = dir.resolve(p.key() + ".csv"), prov = dir.resolve(p.key() + ".provenance");
        return Files.exists(csv) && Files.exists(prov) && verify(p, csv, prov) == null;
    }

    private static String verify(Provenance p, Path csv, Path prov) {
        try {
            String stored = Files.readString(prov, StandardCharsets.UTF_8);
            String expected = p.describe() + "sha256=" + sha256(Files.readAllBytes(csv)) + "\n";
            if (stored.equals(expected)) return null;
            if (!stored.startsWith(p.describe())) return "it was computed from other inputs";
            return "its checksum does not match (the file is corrupt or was edited)";
        } catch (IOException e) {
            return "it cannot be read: " + e.getMessage();
        }
    }

    private static void write(Provenance p, Table t, Path csv, Path prov) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        t.write().csv(CsvWriteOptions.builder(bytes).build());
        byte[] body = bytes.toByteArray();
        AtomicFiles.write(csv, out -> out.write(body));
        String text = p.describe() + "sha256=" + sha256(body) + "\n";
        AtomicFiles.write(prov, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Table read(Path csv, Path prov) {
        try {
            String text = Files.readString(csv, StandardCharsets.UTF_8);
            // column types from the header row would be guessed; strings stay strings, numbers become doubles or ints
            return Table.read().usingOptions(CsvReadOptions.builder(new StringReader(text)).tableName(prov.getFileName().toString()
                    .replace(".provenance", "")).sample(false).columnTypesToDetect(java.util.List.of(ColumnType.INTEGER, ColumnType.DOUBLE,
                    ColumnType.STRING)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read result " + csv + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] b) {
        return org.collapselab.data.Sha256.hex(b);
    }
}
