package org.collapselab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.data.Schema;
import org.collapselab.io.AtomicFiles;
import org.collapselab.io.MatrixFile;
import org.collapselab.io.PropertiesText;
import org.collapselab.io.SealedText;
import org.collapselab.io.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trained runs on disk, one file {@code ID.run} per {@link RunRecord} in a folder (local or shared by several
 * machines), with the run's kept weights beside it ({@code ID.tables.npy}, for DCNv2 {@code ID.cross.npy}; NumPy files
 * a user can load too), the measures computed from them ({@link #measure}), and results computed without a model run
 * ({@link #obtain(Computation)}). A file is written to a temporary sibling and renamed into place, sealed with its checksum, and read
 * back only after the checksum verifies and its request has the file's id; a damaged or foreign file is reported
 * and treated as absent (the run is trained again and the file replaced). Several JVMs may put runs into the same
 * folder at once: each writes only its own temporary file, and a run already stored is kept as it is.
 */
public final class RunStore {
    private static final Logger LOG = LoggerFactory.getLogger(RunStore.class);
    static final String EXTENSION = ".run";
    /** What a run id is: 20 hex digits of its request's digest. */
    private static final String ID = "[0-9a-f]{20}";
    private static final String TABLES = ".tables.npy", CROSS = ".cross.npy";
    private final Path dir;
    private final Keep keep;

    /** What the store keeps of a run besides its record. */
    public enum Keep {
        /** The kept weights ({@code .npy}): any measure, added at any time, reads them without training. */
        WEIGHTS,
        /**
         * No weights: the recipes' measures ({@link RunMeasures#of}) are computed when the run is put and cached; a
         * measure not among them needs the run trained again into a store that keeps weights. For grids that would
         * not fit on a disk otherwise (the paper's Table 1 on Criteo).
         */
        MEASURES
    }

    /** A store that keeps every run's weights. */
    public RunStore(Path dir) {
        this(dir, Keep.WEIGHTS);
    }

    public RunStore(Path dir, Keep keep) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    public Keep keep() {
        return keep;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Refused unless runs can be stored here: the folder exists or can be made, is a folder, and takes a file. An
     * executor checks it when it is made, so that a run is never trained only to be lost at its end.
     */
    public RunStore requireWritable() {
        if (Files.exists(dir) && !Files.isDirectory(dir))
            throw new IllegalArgumentException("the run store " + dir + " is a file, not a folder: give a folder for the runs");
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the run store " + dir + " cannot be written (" + e + "): trained runs could not be kept there", e);
        }
        return this;
    }

    /** The file a run of this id is stored in. */
    public Path file(String id) {
        if (!id.matches(ID)) throw new IllegalArgumentException("not a run id: '" + id + "'");
        return dir.resolve(id + EXTENSION);
    }

    /** The id of the run whose record {@code file} is ({@code STORE/ID.run}), or empty when it is not a run's record. */
    public static java.util.Optional<String> idOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(EXTENSION) && name.substring(0, name.length() - EXTENSION.length()).matches(ID)
                ? java.util.Optional.of(name.substring(0, name.length() - EXTENSION.length())) : java.util.Optional.empty();
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

    /**
     * Stores a trained run, its kept weights first and its record last (the record names the weights' digests, so a
     * run is there once its record is), unless a verified run of its id is already stored (then that one is kept);
     * returns the stored record.
     */
    public RunRecord put(RunTrainer.Trained run) {
        RunRecord record = run.record();
        Optional<RunRecord> there = find(record.id());
        if (there.isPresent()) return there.get();
        Optional<byte[]> cross = run.weights().crossNpy();
        if (!digests(run.weights()).equals(record.weights()))
            throw new IllegalArgumentException("run " + record.description() + ": the weights given are not the ones its record names");
        if (keep == Keep.WEIGHTS) {
            AtomicFiles.write(weightsFile(record.id(), TABLES), run.weights()::writeTablesNpy);
            cross.ifPresent(b -> AtomicFiles.write(weightsFile(record.id(), CROSS), out -> out.write(b)));
        } else {
            for (Measure<?> m : RunMeasures.of(record.spec())) cache(record, m, run.weights());
        }
        SealedText.write(file(record.id()), RunRecordCodec.encode(record));
        return record;
    }

    /**
     * The result of {@code computation}: read from {@code ID.computed} (sealed, holding its identity) when there, else
     * computed and stored. The id is 20 hex digits of the SHA-256 of {@link Computation#identity()}.
     */
    public <T> T obtain(Computation<T> computation) {
        java.util.SortedMap<String, String> identity = computation.identity();
        String id = org.collapselab.model.Canonical.digest(identity).substring(0, 20);
        Path file = dir.resolve(id + ".computed");
        java.util.Properties head = new java.util.Properties();
        identity.forEach(head::setProperty);
        String expected = PropertiesText.write(head) + "--\n";
        Optional<T> stored = readCached(file, expected, computation::decode);
        if (stored.isPresent()) return stored.get();
        T value = computation.compute();
        SealedText.write(file, expected + computation.encode(value) + "\n");
        return value;
    }

    /**
     * What a sealed cache file holds after {@code head}, decoded; empty (with a warning naming the file) when there is
     * none, or it is damaged or was written for other inputs, so that the caller computes it again.
     */
    private static <T> Optional<T> readCached(Path file, String head, java.util.function.Function<String, T> decode) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            String body = SealedText.read(file);
            if (body.startsWith(head)) return Optional.of(decode.apply(body.substring(head.length(), body.length() - 1)));
            LOG.warn("{} was written for other inputs; it is computed again", file);
        } catch (RuntimeException e) {
            LOG.warn("cached {} not used: {}; it is computed again", file, e.getMessage());
        }
        return Optional.empty();
    }

    private <T> T cache(RunRecord run, Measure<T> measure, KeptWeights weights) {
        T value = measure.compute(run, weights);
        SealedText.write(measureFile(run, measure), head(run, measure) + measure.encode(value) + "\n");
        return value;
    }

    private Path measureFile(RunRecord run, Measure<?> measure) {
        String key = measure.key();
        if (!key.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("measure key '" + key + "' must be letters, digits, '-', '_' or '.'");
        return dir.resolve(run.id() + ".measure." + key);
    }

    private static String head(RunRecord run, Measure<?> measure) {
        return "run=" + run.id() + "\nmeasure=" + measure.key() + "\n";
    }

    /** The digests a record names for these weights. */
    static RunRecord.WeightDigests digests(KeptWeights w) {
        return new RunRecord.WeightDigests(w.tablesDigest(), w.crossNpy().map(Sha256::hex));
    }

    private Path weightsFile(String id, String part) {
        return dir.resolve(id + part);
    }

    /**
     * The kept weights of a stored run, read only after each file's SHA-256 matches the one its record names: a file
     * of another run, an edited or a truncated one is refused, naming the file.
     */
    public KeptWeights weights(RunRecord run) {
        Schema schema = run.schema();
        int sets = run.spec().sets(), k = run.spec().embeddingSize();
        MatrixFile tables = verifiedNpy(weightsFile(run.id(), TABLES), run.weights().tables(), run);
        List<float[]> cross = new ArrayList<>();
        if (run.weights().cross().isPresent()) {
            MatrixFile all = verifiedNpy(weightsFile(run.id(), CROSS), run.weights().cross().get(), run);
            int per = (int) ((long) all.rows() * all.cols() / sets);
            float[] v = all.values();
            for (int m = 0; m < sets; m++) cross.add(Arrays.copyOfRange(v, m * per, (m + 1) * per));
        }
        return new KeptWeights(schema, sets, k, tables.cols(), tables.values(), cross);
    }

    private static MatrixFile verifiedNpy(Path file, String sha256, RunRecord run) {
        String got;
        try {
            got = Sha256.hex(file);    // streamed: the tables' file passes 2 GB at Criteo's size
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(file + " is missing: run " + run.description() + " keeps its weights there"
                    + (Files.exists(file.resolveSibling(run.id() + EXTENSION)) && !Files.exists(file.resolveSibling(run.id() + TABLES))
                    ? " unless it was stored without them (RunStore.Keep.MEASURES: only the measures of RunMeasures.of were kept; train it "
                    + "again into a store that keeps weights to compute another)" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!got.equals(sha256))
            throw new IllegalStateException(file + " is not the kept weights of run " + run.description() + ": its SHA-256 is " + got
                    + ", the record names " + sha256 + " (edited, truncated, or another run's)");
        return MatrixFile.readNpy(file);
    }

    /**
     * {@code measure} of a stored run: read from its cache ({@code ID.measure.KEY}, sealed, naming the run and the
     * measure) when there, else computed from the run's record and kept weights and cached. Never trains.
     */
    public <T> T measure(RunRecord run, Measure<T> measure) {
        return readCached(measureFile(run, measure), head(run, measure), measure::decode).orElseGet(() -> cache(run, measure, weights(run)));
    }
}
