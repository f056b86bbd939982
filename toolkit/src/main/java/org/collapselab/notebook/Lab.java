package org.collapselab.notebook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.collapselab.data.CtrData;
import org.collapselab.data.DataParts;
import org.collapselab.data.CtrFormat;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.PreprocessOptions;
import org.collapselab.data.SyntheticCriteo;
import org.collapselab.model.ModelKind;
import org.collapselab.paper.MeAnalysis;
import org.collapselab.paper.ScalingGrid;
import org.collapselab.plot.Figure;
import org.collapselab.run.RunExecutor;
import org.collapselab.run.RunStore;
import org.collapselab.run.SequentialExecutor;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.TrainContext;
import org.collapselab.train.Trainer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The shared setup every notebook starts with: {@code var lab = Lab.setup();}. It reads the environment once
 * (run profile, data and output folders, see {@link Environment}), prints what it found, and hands out what the
 * profile implies: the default dataset, training settings with a progress bar, the scale factors and seeds to
 * sweep, and a place to save figures.
 */
public final class Lab {
    private final Environment env;
    private final Settings settings;
    private final List<EncodedDataset> loaded = new java.util.ArrayList<>();
    private RunExecutor executor;

    /**
     * What a profile means in rows, epochs and sweeps.
     *
     * @param rows              rows of the generated Criteo-shaped data (ignored when the real file is used)
     * @param cardinalityScale  generated field sizes = Criteo's × this
     * @param maxEpochs         epochs at most
     * @param patience          early-stopping patience
     * @param batchSize         training batch size
     * @param scales            the "n×" factors to sweep
     * @param seeds             the seeds to repeat over
     * @param gridModels        the models of the scaling grid (notebook 06): Table 1's six in full; else DNN (implicit
     *                          interaction only, whose SE drops in the paper) and DCNv2 (explicit, the model the paper
     *                          analyses), the two ends of the paper's story
     * @param meScales          the scales of the ME analysis (notebook 07): every scale in full; else 1× for reference and
     *                          the largest, which keeps the default run to four DCNv2 trainings
     * @param toyIterations     full-batch steps of the toy experiment (notebook 01): the paper's 5,000, a prefix in smoke
     * @param keep              what the run store keeps besides records: weights, except in full, where the paper's grid
     *                          would take tens of GB ({@link RunStore.Keep#MEASURES}: the recipes' measures only)
     */
    public record Settings(int rows, double cardinalityScale, int maxEpochs, int patience, int batchSize, List<Integer> scales,
                           List<Long> seeds, List<ModelKind> gridModels, List<Integer> meScales, int toyIterations, RunStore.Keep keep) {
        public Settings {
            Objects.requireNonNull(keep, "keep");
            if (toyIterations < 1) throw new IllegalArgumentException("toy iterations must be >= 1, got " + toyIterations);
            scales = List.copyOf(scales);
            seeds = List.copyOf(seeds);
            gridModels = List.copyOf(gridModels);
            meScales = List.copyOf(meScales);
        }

        static Settings of(RunProfile p) {
            List<ModelKind> two = List.of(ModelKind.DNN, ModelKind.DCNV2);
            return switch (p) {
                case SMOKE -> new Settings(8_000, 0.005, 1, 1, 512, List.of(1, 2), List.of(0L), two, List.of(1, 2), 300, RunStore.Keep.WEIGHTS);
                case DEFAULT -> new Settings(100_000, 0.05, 3, 1, 2048, List.of(1, 2, 4), List.of(0L), two, List.of(1, 4), 5_000, RunStore.Keep.WEIGHTS);
                case FULL -> new Settings(2_000_000, 1.0, 100, 3, 2048, List.of(1, 2, 3, 4, 10), List.of(0L, 1L, 2L), ModelKind.paperModels(),
                        List.of(1, 2, 3, 4, 10), 5_000, RunStore.Keep.MEASURES);
            };
        }
    }

    private Lab(Environment env) {
        this.env = Objects.requireNonNull(env, "env");
        this.settings = Settings.of(env.profile());
    }

    /** Reads the environment and prints a one-line summary; call once at the top of a notebook. */
    public static Lab setup() {
        org.collapselab.nn.Backends.checkSupported();
        String jit = org.collapselab.nn.Compilation.apply();
        Lab lab = new Lab(Environment.fromEnvironment());
        // through Display, not System.out: rapaio 3.0.1 runs `%load setup.ipynb` before it binds the cell's stdout
        Display.show("Collapse Lab · " + lab.env.describe() + "\nND4J backend " + Nd4j.getBackend().getClass().getSimpleName() + " · "
                + Runtime.getRuntime().availableProcessors() + " cores · " + jit + " · profile " + lab.env.profile().label() + ": " + lab.settings);
        return lab;
    }

    /** A lab for an explicit environment (tests, scripts). */
    public static Lab of(Environment env) {
        return new Lab(env);
    }

    public Environment environment() {
        return env;
    }

    public RunProfile profile() {
        return env.profile();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The Criteo dataset of this profile: the real {@code train.txt} when {@code COLLAPSELAB_CRITEO} is set and
     * the profile is full, its given parts when {@code COLLAPSELAB_CRITEO_PARTS} is (trained on that split), else Criteo-shaped synthetic data generated into {@code data/generated} (once).
     * Caches go to {@code data/cache}.
     */
    public EncodedDataset criteo() {
        PreprocessOptions options = preprocessOptions();
        if (env.profile() == RunProfile.FULL && env.criteo().isPresent()) return track(shown(CtrData.load(env.criteo().get(), CtrFormat.criteoTsv(), options)));
        if (env.profile() == RunProfile.FULL && env.criteoParts().isPresent()) {
            DataParts parts = env.criteoParts().get();
            CtrFormat format = parts.train().get(0).getFileName().toString().endsWith(".csv") ? CtrFormat.criteoCsv() : CtrFormat.criteoTsv();
            return track(shown(CtrData.load(parts, format, options)));
        }
        SyntheticCriteo gen = SyntheticCriteo.criteoShaped(settings.rows(), settings.cardinalityScale(), 0);
        Path file = env.dataDir().resolve("generated").resolve(String.format(Locale.ROOT, "criteo-like-%d-x%s-seed0.tsv",
                settings.rows(), Double.toString(settings.cardinalityScale())));
        if (!Files.exists(file)) {
            System.out.println("generating " + file + " (" + settings.rows() + " rows, Criteo's field sizes × " + settings.cardinalityScale() + ")");
            gen.write(file);
        }
        return track(shown(CtrData.load(file, gen.format(), options)));
    }

    /** Remembers a dataset this notebook loaded, so that the executor trains on it without reopening it. */
    private EncodedDataset track(EncodedDataset d) {
        loaded.add(d);
        if (executor instanceof SequentialExecutor s) s.with(d);
        return d;
    }

    /**
     * Avazu, when there is one to use: the file {@code COLLAPSELAB_AVAZU} names, in the full profile (there is no
     * generated stand-in, so the smaller profiles run Criteo-shaped data only). Preprocessed as the paper's code
     * does (DESIGN §4) into {@code data/cache}.
     */
    public java.util.Optional<EncodedDataset> avazu() {
        if (env.profile() != RunProfile.FULL || env.avazu().isEmpty()) return java.util.Optional.empty();
        return java.util.Optional.of(track(shown(CtrData.load(env.avazu().get(), CtrFormat.avazuCsv(), preprocessOptions()))));
    }

    /** A dataset whose load rejected lines shows its report in the notebook (the log's warning is easy to miss there). */
    private static EncodedDataset shown(EncodedDataset ds) {
        if (ds.report().rowsRejected() > 0) Display.show(ds.report().toString());
        return ds;
    }

    /** The paper's preprocessing, cached in {@code data/cache}, with a progress bar. */
    private PreprocessOptions preprocessOptions() {
        return PreprocessOptions.builder().cacheDir(env.dataDir().resolve("cache")).progress(ProgressBar.create()).build();
    }

    /**
     * The paper's training settings with this profile's epochs, patience and batch size, and the thread count of the
     * executor's runs ({@link #runs()}; on Spark, spark.task.cpus).
     */
    public TrainConfig trainConfig() {
        java.util.OptionalInt threads = runs().threadsPerRun();
        return TrainConfig.builder().maxEpochs(settings.maxEpochs()).patience(settings.patience()).batchSize(settings.batchSize())
                .threads(threads.isPresent() ? threads.getAsInt() : null).build();
    }

    /** The scaling grid of this profile: {@link Settings#gridModels()} at its scales with its seeds, trained with {@link #trainConfig()}. */
    public ScalingGrid scalingGrid() {
        return new ScalingGrid(settings.gridModels(), settings.scales(), settings.seeds(), trainConfig());
    }

    /** The ME analysis of this profile: {@link Settings#meScales()} with its first seed, trained with {@link #trainConfig()}. */
    public MeAnalysis meAnalysis() {
        return new MeAnalysis(settings.meScales(), settings.seeds().get(0), trainConfig());
    }

    /** A trainer of {@link #trainConfig()} showing its progress. */
    public Trainer trainer() {
        return new Trainer(trainConfig(), TrainContext.builder().progress(ProgressBar.create("rows")).build());
    }

    /**
     * The toy experiment of this profile (notebook 01; full-batch SGD on Appendix A's data, K = 10, IA recorded at 100
     * points, seed 0); {@code runs().store().obtain(lab.toy())} computes it once into the run store.
     */
    public org.collapselab.paper.ToyExperiment toy() {
        int n = settings.toyIterations();
        return new org.collapselab.paper.ToyExperiment(n, 10, Math.max(1, n / 100), 0);
    }

    /**
     * The run store every notebook shares ({@code data/results/runs}): a run trained by one notebook is read back by
     * every other. It keeps what the profile says ({@link Settings#keep}).
     */
    public RunStore runStore() {
        return new RunStore(env.dataDir().resolve("results").resolve("runs"), settings.keep());
    }

    /**
     * How this notebook obtains trained runs: from the {@link #runStore()}, training (here, one after another, with
     * a progress bar) only what is not stored yet. Its counts are what {@link #runSummary()} prints.
     */
    public RunExecutor runs() {
        if (executor == null) executor = env.spark().map(this::spark)
                .orElseGet(() -> new SequentialExecutor(runStore(), loaded, ProgressBar.create("rows"), List.of()));
        return executor;
    }

    /**
     * With {@code COLLAPSELAB_SPARK} set, runs are trained on that Spark master ({@code cluster.SparkRunExecutor}),
     * loaded reflectively: the kernel holds Spark only when {@code kernel-setup/install.sh --spark} put it there.
     */
    private RunExecutor spark(String master) {
        String asked = Environment.SPARK + "=" + master;
        try {
            return (RunExecutor) Class.forName("org.collapselab.cluster.SparkRunExecutor").getMethod("forMaster", String.class, RunStore.class)
                    .invoke(null, master, runStore());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw sparkMissing(asked, e);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof NoClassDefFoundError n) throw sparkMissing(asked, n);
            throw new IllegalStateException("cannot start the Spark executor for " + asked + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the Spark executor for " + asked + ": " + e, e);
        }
    }

    private static IllegalStateException sparkMissing(String asked, Throwable e) {
        return new IllegalStateException(asked + " asks for Spark, which is not on the class path (" + e.getMessage()
                + "): run kernel-setup/install.sh --spark and restart the kernel", e);
    }

    /** Prints how many runs this notebook trained and how many it read back from the run store; the last cell of every notebook. */
    public void runSummary() {
        System.out.println("This notebook " + runs().summary() + ".");
    }

    /** Shows anything the notebook can show (charts, figures, tables, text). */
    public void show(Object value) {
        Display.show(value);
    }

    /** Saves a chart as PNG and SVG into the output folder and shows it. */
    public void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String name) {
        save(Figure.of(chart), name);
    }

    /** Saves a figure as PNG and SVG into the output folder and shows it (no return value: nothing extra shows in a cell). */
    public void save(Figure figure, String name) {
        List<Path> files = figure.save(env.outDir(), name);
        Display.show(figure);
        System.out.println("saved " + files.get(0) + " and .svg");
    }
}
