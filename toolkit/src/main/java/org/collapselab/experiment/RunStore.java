package org.collapselab.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.data.SealedText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained runs on disk, one file {@code ID.run} per {@link RunRecord} in a folder (local or shared by several
 * machines). A file is written to a temporary sibling and renamed into place, sealed with its checksum, and read
 * back only after the checksum verifies and its request has the file's id; a damaged or foreign file is reported
 * and treated as absent (the run is trained again and the file replaced). Several JVMs may put runs into the same
 * folder at once: each writes only its own temporary file, and a run already stored is kept as it is.
 */
public final class RunStore {
    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);
    static final String EXTENSION = ".run";
    private final Path dir;

    public RunStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The file a run of this id is stored in. */
    public Path file(String id) {
        if (!id.matches("[0-9a-f]{20}")) throw new IllegalArgumentException("not a run id: '" + id + "'");
        return dir.resolve(id + EXTENSION);
    }

    /** The stored run of {@code id}, verified; empty when there is none or the file is damaged (with a warning naming it). */
    public Optional<RunRecord> find(String id) {
        Path f = file(id);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            RunRecord r = RunRecordCodec.decode(SealedText.read(f));
            if (!r.id().equals(id)) throw new IllegalStateException(f + " holds the run " + r.id() + " (" + r.description() + "), not " + id);
            return Optional.of(r);
        } catch (RuntimeException e) {
            LOG.warn("stored run {} not used: {}; it will be trained again", f, e.getMessage());
            return Optional.empty();
        }
    }

    public boolean contains(String id) {
        return find(id).isPresent();
    }

    /** Stores {@code record} unless a verified run of its id is already stored (then that one is kept); returns the stored one. */
    public RunRecord put(RunRecord record) {
        Optional<RunRecord> there = find(record.id());
        if (there.isPresent()) return there.get();
        SealedText.write(file(record.id()), RunRecordCodec.encode(record));
        return record;
    }
}
