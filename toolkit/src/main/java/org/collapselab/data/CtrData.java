package org.collapselab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads CTR files as {@link EncodedDataset}s through a verified binary cache:
 * <pre>{@code
 * EncodedDataset criteo = CtrData.load(Path.of("train.txt"), CtrFormat.criteoTsv());
 * EncodedDataset avazu  = CtrData.load(Path.of("train.csv.gz"), CtrFormat.avazuCsv(),
 *         PreprocessOptions.builder().vocabulary(VocabularyScope.TRAIN_ONLY).build());
 * }</pre>
 * The first load encodes the file (two passes) and writes the cache; later loads map the cache after checking
 * its checksums, the source file's size and modification time, and the options. A stale or corrupt cache is
 * rebuilt with a message, never trusted.
 * <p>
 * Rejected lines are never silent: a load that rejected any logs a warning with the counts by reason (on every
 * load, cache hits included), and a load that rejected more than the options' reject budget (1% by default) fails
 * with a {@link DataFormatException} naming the main reason and an example line.
 */
public final class CtrData {
    private static final Logger LOG = LoggerFactory.getLogger(CtrData.class);

    private CtrData() {}

    public static EncodedDataset load(Path source, CtrFormat format) {
        return load(source, format, PreprocessOptions.defaults());
    }

    /**
     * Reopens a dataset cache file written by {@link #load} (e.g. on another machine or JVM that has the cache but
     * not the source file): every checksum is verified, the source's identity is not.
     */
    public static EncodedDataset open(Path cacheFile) {
        if (!Files.isRegularFile(cacheFile)) throw new DataFormatException(cacheFile, 0, "dataset cache file not found");
        try {
            return DatasetCache.read(cacheFile, null, EncodedDataset.CacheInfo.Status.HIT, "reopened cache " + cacheFile);
        } catch (DatasetCache.Stale s) {
            throw new IllegalStateException("cannot reopen dataset cache " + cacheFile + ": " + s.getMessage());
        }
    }

    public static EncodedDataset load(Path source, CtrFormat format, PreprocessOptions options) {
        requireReadable(source);
        return checkRejects(source, loadCached(source, null, format, options), options);
    }

    /**
     * A dataset that comes split ({@link DataParts}): every file of every part read with one format and encoded with one
     * vocabulary (counted on all parts, or with {@code VocabularyScope.TRAIN_ONLY} on the training part only), into one
     * dataset whose split is the parts ({@link EncodedDataset#parts()}). Its identity, and so a run's, covers every
     * part's content and size.
     */
    public static EncodedDataset load(DataParts parts, CtrFormat format, PreprocessOptions options) {
        parts.files().forEach(CtrData::requireReadable);
        return checkRejects(parts.train().get(0), loadCached(parts.train().get(0), parts, format, options), options);
    }

    private static void requireReadable(Path source) {
        if (!Files.isRegularFile(source)) throw new DataFormatException(source, 0, "file not found");
        if (!Files.isReadable(source)) throw new DataFormatException(source, 0, "file is not readable");
    }

    /** {@code source}, or with {@code parts} (then {@code source} is their first file) the parts. */
    private static EncodedDataset loadCached(Path source, DataParts parts, CtrFormat format, PreprocessOptions options) {
        List<List<Path>> files = parts == null ? List.of(List.of(source)) : parts.parts();
        String what = parts == null ? source.toString() : parts.describe();
        DatasetCache.Identity id = DatasetCache.Identity.of(files, format, options);
        Path cache = DatasetCache.fileFor(files, format, options);
        String why = null;
        if (Files.exists(cache)) {
            try {
                return DatasetCache.read(cache, id, EncodedDataset.CacheInfo.Status.HIT, "read from cache " + cache);
            } catch (DatasetCache.Stale s) {
                why = "cache " + cache + " not used: " + s.getMessage() + "; rebuilding it";
                LOG.warn(why);
            }
        }
        (parts == null ? new Preprocessor(source, format, options) : new Preprocessor(parts, format, options)).build(cache, id);
        LOG.info("encoded {} into {} ({} MB); loads of the same files with these options read it from there, and deleting it is always safe",
                what, cache, String.format(java.util.Locale.ROOT, "%.1f", size(cache) / 1e6));
        try {
            return why == null
                    ? DatasetCache.read(cache, id, EncodedDataset.CacheInfo.Status.BUILT, "encoded " + what + " into cache " + cache)
                    : DatasetCache.read(cache, id, EncodedDataset.CacheInfo.Status.REBUILT, why);
        } catch (DatasetCache.Stale s) {
            throw new IllegalStateException("the cache just written does not verify: " + cache + ": " + s.getMessage()
                    + " (disk full, or another process writing the same file?)");
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /**
     * Warns about any rejected line; fails when more than the reject budget were rejected, and then deletes the cache
     * this load wrote, so that a failed load leaves nothing behind.
     */
    private static EncodedDataset checkRejects(Path source, EncodedDataset ds, PreprocessOptions options) {
        PreprocessReport r = ds.report();
        if (r.rowsRejected() == 0) return ds;
        LOG.warn("{}", r.rejectSummary());
        double fraction = (double) r.rowsRejected() / r.linesRead();
        if (fraction > options.rejectBudget()) {
            ds.cache().filter(c -> c.status() != EncodedDataset.CacheInfo.Status.HIT).ifPresent(c -> {
                try {
                    Files.deleteIfExists(c.file());
                } catch (java.io.IOException e) {
                    LOG.warn("could not delete {} after the failed load: {}", c.file(), e.getMessage());
                }
            });
            PreprocessReport.Rejects main = r.rejects().stream().max(java.util.Comparator.comparingLong(PreprocessReport.Rejects::count)).orElseThrow();
            // with several files the example names the file and line; a line number beside the first file's name would mislead
            long line = main.firstLines().isEmpty() || ds.parts().isPresent() ? 0 : main.firstLines().get(0);
            throw new DataFormatException(source, line, String.format(java.util.Locale.ROOT,
                    "%,d of %,d lines (%.2f%%) were rejected, over the reject budget of %.2f%%; mostly %,d × %s, e.g. %s "
                            + "(fix the file or the format, or raise the budget: PreprocessOptions.builder().rejectBudget(fraction))",
                    r.rowsRejected(), r.linesRead(), 100 * fraction, 100 * options.rejectBudget(), main.count(),
                    main.reason().description(), main.example()));
        }
        return ds;
    }
}
