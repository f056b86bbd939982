package org.collapselab.run;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.SplitSpec;
import org.collapselab.model.Canonical;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;

/**
 * One training run to obtain: the model, the training settings (with the model seed and the split), and the data.
 * Its {@link #id()} is a digest of {@link #identity()}: every component of {@link ModelSpec} and of
 * {@link TrainConfig} found by reflection ({@link Canonical}; what cannot change the numbers is a
 * {@link org.collapselab.train.TrainContext}, not part of the request),
 * the analysis options, the dataset's content digest (not its path) and {@link #FORMAT_VERSION}. Two requests with the same id give
 * the same numbers, so a stored run is used in place of training it again.
 *
 * <pre>{@code
 * RunRequest r = RunRequest.of(ModelSpec.of(ModelKind.DCNV2), TrainConfig.paper(), data);
 * RunRecord run = executor.obtain(List.of(r)).get(0);
 * }</pre>
 *
 * @param spec    the model
 * @param config  how to train it (its seed and split included)
 * @param data    the dataset
 */
public record RunRequest(ModelSpec spec, TrainConfig config, DataRef data) {
    /**
     * Bumped when what a run computes changes (training, evaluation or what a {@link RunRecord} holds), so that
     * runs stored before are not mistaken for runs of this version.
     */
    public static final int FORMAT_VERSION = 3;    // 2: records hold sub-embedding IA; 3: IPNN and CIN sum in another order (float rounding)

    public RunRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
    }

    public static RunRequest of(ModelSpec spec, TrainConfig config, EncodedDataset data) {
        return new RunRequest(spec, config, DataRef.of(data));
    }

    /** {@code spec} trained with {@code config} and the model seed {@code seed}, on {@code config}'s split. */
    public static RunRequest of(ModelSpec spec, TrainConfig config, long seed, EncodedDataset data) {
        return of(spec, config, seed, false, data);
    }

    /** Repeat {@code seed} of {@code spec}: {@link TrainConfig#repeat}, so with {@code varySplit} on the split of that seed too. */
    public static RunRequest of(ModelSpec spec, TrainConfig config, long seed, boolean varySplit, EncodedDataset data) {
        return of(spec, config.repeat(seed, varySplit), data);
    }

    /** The model seed. */
    public long seed() {
        return config.seed();
    }

    public SplitSpec split() {
        return config.split();
    }

    /** The same request with another model seed. */
    public RunRequest withSeed(long seed) {
        return new RunRequest(spec, config.toBuilder().seed(seed).build(), data);
    }

    /** Everything the run's numbers depend on, one canonical entry each. */
    public SortedMap<String, String> identity() {
        SortedMap<String, String> id = new TreeMap<>(spec.identity());
        id.putAll(config.identity());
        id.putAll(Canonical.of("analysis", SpectrumOptions.DEFAULT, Set.of()));    // how the kept weights are analysed
        id.put("data.content", data.content());
        id.put("format.version", String.valueOf(FORMAT_VERSION));
        return id;
    }

    /** 20 hex digits of the SHA-256 of {@link #identity()}. */
    public String id() {
        return Canonical.digest(identity()).substring(0, 20);
    }

    /** A short human description, e.g. {@code DCNv2 SE K10 · seed 0 · split 0}. */
    public String description() {
        return spec.label() + " · seed " + seed() + " · split " + split().seed();
    }

    /** A text form (properties) that {@link #decode} rebuilds identically in another JVM. */
    public String encode() {
        Properties p = new Properties();
        identity().forEach(p::setProperty);
        data.cacheFile().ifPresent(f -> p.setProperty("data.cacheFile", f.toString()));
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().replaceFirst("^#.*\n", "");
    }

    /**
     * The request {@link #encode} wrote. The excluded settings are TrainConfig's defaults (no progress, no checkpoint
     * folder, no memory budget); a text of another format version is refused.
     */
    public static RunRequest decode(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        if (!String.valueOf(FORMAT_VERSION).equals(m.get("format.version")))
            throw new IllegalArgumentException("run request of format version " + m.get("format.version") + ", this toolkit reads " + FORMAT_VERSION);
        ModelSpec spec = Canonical.read(ModelSpec.class, "spec", m, null, Set.of());
        TrainConfig config = Canonical.read(TrainConfig.class, "train", m, TrainConfig.paper(), Set.of());
        String content = m.get("data.content");
        if (content == null) throw new IllegalArgumentException("run request has no data.content");
        RunRequest r = new RunRequest(spec, config, new DataRef(content, Optional.ofNullable(m.get("data.cacheFile")).map(Path::of)));
        m.remove("data.cacheFile");
        java.util.List<String> diff = Canonical.differences(m, r.identity());
        if (!diff.isEmpty()) throw new IllegalArgumentException("run request text does not rebuild identically: " + diff);
        return r;
    }
}
