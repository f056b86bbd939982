package org.collapselab.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.data.DataParts;

/**
 * Where a notebook run reads and writes, and how much it does: the one place that reads the
 * {@code COLLAPSELAB_*} environment variables.
 *
 * <ul>
 *   <li>{@code COLLAPSELAB_PROFILE}: smoke | default | full (unset: default)</li>
 *   <li>{@code COLLAPSELAB_DATA}: folder of bundled and generated data (unset: the repository's
 *       {@code data/} when the working directory is inside the repository, else {@code ./data})</li>
 *   <li>{@code COLLAPSELAB_CRITEO}, {@code COLLAPSELAB_AVAZU}: full datasets (optional; must exist when set)</li>
 *   <li>{@code COLLAPSELAB_CRITEO_PARTS}: instead of {@code COLLAPSELAB_CRITEO}, a Criteo dataset that comes split, its
 *       train, valid and test files separated by the path separator ({@code train.csv:valid.csv:test.csv}); files
 *       ending in {@code .csv} are read as Criteo CSV with its header (BARS's {@code Criteo_x1}), others as the raw TSV</li>
 *   <li>{@code COLLAPSELAB_OUT}: where figures and reports go (unset: the repository's {@code out/},
 *       else {@code ./out})</li>
 *   <li>{@code COLLAPSELAB_SPARK}: a Spark master ({@code local[2]}, {@code spark://host:7077}) to train runs on
 *       (unset: in this JVM, one after another)</li>
 * </ul>
 * Relative paths are resolved against the working directory, which for a notebook is its own folder.
 * Empty values count as unset.
 */
public record Environment(RunProfile profile, Path dataDir, Optional<Path> criteo, Optional<Path> avazu, Path outDir, Optional<String> spark,
                          Optional<DataParts> criteoParts) {
    public static final String PROFILE = "COLLAPSELAB_PROFILE";
    public static final String DATA = "COLLAPSELAB_DATA";
    public static final String CRITEO = "COLLAPSELAB_CRITEO";
    public static final String CRITEO_PARTS = "COLLAPSELAB_CRITEO_PARTS";
    public static final String AVAZU = "COLLAPSELAB_AVAZU";
    public static final String OUT = "COLLAPSELAB_OUT";
    public static final String SPARK = "COLLAPSELAB_SPARK";

    public Environment {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(criteo, "criteo");
        Objects.requireNonNull(avazu, "avazu");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(criteoParts, "criteoParts");
        if (criteo.isPresent() && criteoParts.isPresent())
            throw new IllegalArgumentException(CRITEO + " and " + CRITEO_PARTS + " are both set: give Criteo one way");
    }

    /** An environment without a split Criteo dataset. */
    public Environment(RunProfile profile, Path dataDir, Optional<Path> criteo, Optional<Path> avazu, Path outDir, Optional<String> spark) {
        this(profile, dataDir, criteo, avazu, outDir, spark, Optional.empty());
    }

    /** An environment that trains in this JVM (no Spark master). */
    public Environment(RunProfile profile, Path dataDir, Optional<Path> criteo, Optional<Path> avazu, Path outDir) {
        this(profile, dataDir, criteo, avazu, outDir, Optional.empty());
    }

    /** Reads this process's environment, relative to the current working directory. */
    public static Environment fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of("").toAbsolutePath());
    }

    /** Reads {@code env} as if it were the process environment, with {@code workingDir} as the current directory. */
    public static Environment fromEnvironment(Map<String, String> env, Path workingDir) {
        Path cwd = workingDir.toAbsolutePath().normalize();
        Path base = repositoryRoot(cwd).orElse(cwd);
        RunProfile profile = value(env, PROFILE).map(v -> RunProfile.parse(v, PROFILE)).orElse(RunProfile.DEFAULT);
        Path data = value(env, DATA).map(v -> cwd.resolve(v).normalize()).orElse(base.resolve("data"));
        Path out = value(env, OUT).map(v -> cwd.resolve(v).normalize()).orElse(base.resolve("out"));
        return new Environment(profile, data, existing(env, CRITEO, cwd), existing(env, AVAZU, cwd), out, value(env, SPARK), parts(env, cwd));
    }

    /**
     * The repository this directory lies in: the nearest ancestor (or itself) holding
     * {@code toolkit/pom.xml}, so notebooks find {@code data/} wherever Jupyter starts them.
     */
    public static Optional<Path> repositoryRoot(Path from) {
        for (Path p = from.toAbsolutePath().normalize(); p != null; p = p.getParent())
            if (Files.isRegularFile(p.resolve("toolkit").resolve("pom.xml"))) return Optional.of(p);
        return Optional.empty();
    }

    /** A one-line summary for the top of a notebook. */
    public String describe() {
        return "profile=" + profile.label() + "  data=" + dataDir + "  out=" + outDir
                + "  criteo=" + criteo.map(Path::toString).orElse(criteoParts.map(DataParts::describe).orElse("(not set)"))
                + "  avazu=" + avazu.map(Path::toString).orElse("(not set)") + spark.map(m -> "  spark=" + m).orElse("");
    }

    /** {@link #CRITEO_PARTS}: three existing files, train, valid and test. */
    private static Optional<DataParts> parts(Map<String, String> env, Path cwd) {
        return value(env, CRITEO_PARTS).map(v -> {
            String[] files = v.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator));
            if (files.length != 3)
                throw new IllegalArgumentException(CRITEO_PARTS + "=" + v + ": give three files, train" + java.io.File.pathSeparator + "valid"
                        + java.io.File.pathSeparator + "test; found " + files.length);
            Path[] p = new Path[3];
            for (int i = 0; i < 3; i++) {
                p[i] = cwd.resolve(files[i].strip()).normalize();
                if (!Files.isRegularFile(p[i])) throw new IllegalArgumentException(CRITEO_PARTS + ": no such file: " + p[i]);
            }
            return DataParts.of(p[0], p[1], p[2]);
        });
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    // A dataset path given by the user must exist: a typo should fail here, not after an hour of preprocessing.
    private static Optional<Path> existing(Map<String, String> env, String key, Path cwd) {
        Optional<Path> p = value(env, key).map(v -> cwd.resolve(v).normalize());
        p.filter(f -> !Files.exists(f)).ifPresent(f -> {
            throw new IllegalArgumentException(key + "=" + env.get(key) + ": no such file or folder (" + f + ")");
        });
        return p;
    }
}
