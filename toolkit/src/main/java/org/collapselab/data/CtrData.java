package org.collapselab.data;

import java.nio.file.Files;
import java.nio.file.Path;
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
        if (!Files.isRegularFile(source)) throw new DataFormatException(source, 0, "file not found");
        if (!Files.isReadable(source)) throw new DataFormatException(source, 0, "file is not readable");
        DatasetCache.Identity id = DatasetCache.Identity.of(source, format, options);
        Path cache = DatasetCache.fileFor(source, format, options);
        String why = null;
        if (Files.exists(cache)) {
            try {
                return DatasetCache.read(cache, id, EncodedDataset.CacheInfo.Status.HIT, "read from cache " + cache);
            } catch (DatasetCache.Stale s) {
                why = "cache " + cache + " not used: " + s.getMessage() + "; rebuilding it";
                LOG.warn(why);
            }
        }
        new Preprocessor(source, format, options).build(cache, id);
        try {
            return why == null
                    ? DatasetCache.read(cache, id, EncodedDataset.CacheInfo.Status.BUILT, "encoded " + source + " into cache " + cache)
                    : DatasetCache.read(cache, id, EncodedDataset.CacheInfo.Status.REBUILT, why);
        } catch (DatasetCache.Stale s) {
            throw new IllegalStateException("the cache just written does not verify: " + cache + ": " + s.getMessage()
                    + " (disk full, or another process writing the same file?)");
        }
    }
}
