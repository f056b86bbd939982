package org.collapselab.run;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.data.CtrData;
import org.collapselab.data.EncodedDataset;

/**
 * Which dataset a run trains on: its content digest ({@link EncodedDataset#contentDigest()}, part of a run's
 * identity) and, when it came from a file, its cache file, from which another JVM can reopen it (not part of the
 * identity: the same data under another path is the same data).
 *
 * @param content    the dataset's content digest
 * @param cacheFile  the encoded dataset's cache file; empty for in-memory datasets
 */
public record DataRef(String content, Optional<Path> cacheFile) {
    public DataRef {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(cacheFile, "cacheFile");
        if (content.isBlank()) throw new IllegalArgumentException("a data reference needs the content digest");
        cacheFile = cacheFile.map(p -> p.toAbsolutePath().normalize());
    }

    public static DataRef of(EncodedDataset data) {
        return new DataRef(data.contentDigest(), data.cache().map(EncodedDataset.CacheInfo::file));
    }

    /** Reopens the dataset from its cache file and checks that it is still the same content. */
    public EncodedDataset open() {
        Path file = cacheFile.orElseThrow(() -> new IllegalStateException("dataset " + content
                + " was built in memory and has no cache file to reopen; give the executor the dataset itself"));
        EncodedDataset d = CtrData.open(file);
        if (!d.contentDigest().equals(content))
            throw new IllegalStateException("dataset cache " + file + " now holds other data (content " + d.contentDigest() + ", expected " + content + ")");
        return d;
    }
}
