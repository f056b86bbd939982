package org.collapselab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.collapselab.data.EncodedDataset;
import org.collapselab.experiment.ScalingStats.Cellstats;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.model.ModelTooLargeException;

import org.collapselab.plot.Series;
import org.collapselab.train.SeedRuns;
import org.collapselab.train.TrainConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Table 1 and Figs. 1a, 8, 10, 11: test AUC of every model as single-embedding (SE) and multi-embedding (ME) at
 * every scale factor, repeated over seeds. "n×" is {@link ModelSpec#scale}: SE with K = n·K_base, ME with n sets of
 * K_base. At 1× both are the same model (one set of K_base), so it is trained once, as SE; the paper's appendix
 * tables (3, 4) leave the ME base cell empty for the same reason.
 *
 * <p>Every run (model × mode × scale × seed) is one run of the {@link RunStore}, shared with the other recipes, so an
 * interrupted grid resumes where it stopped and a finished one is read back without training.
 *
 * @param models the model kinds, in table order
 * @param scales the scale factors, ascending (must include 1: the base)
 * @param seeds  the seeds each cell is repeated over
 */
public record ScalingGrid(List<ModelKind> models, List<Integer> scales, List<Long> seeds) {
    /** Column names of {@link #run}'s table. */
    public static final String MODEL = "model", MODE = "mode", SCALE = "scale", SEED = "seed", SETS = "sets", K = "K", EPOCHS = "epochs",
            BEST_EPOCH = "best epoch", VALID_AUC = "valid AUC", TEST_AUC = "test AUC", TEST_LOGLOSS = "test logloss", SECONDS = "seconds";

    public ScalingGrid {
        models = List.copyOf(models);
        scales = List.copyOf(scales);
        seeds = List.copyOf(seeds);
        if (models.isEmpty()) throw new IllegalArgumentException("no models");
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seeds");
        if (scales.isEmpty() || scales.get(0) != 1) throw new IllegalArgumentException("scales must start with 1 (the base), got " + scales);
        for (int i = 1; i < scales.size(); i++)
            if (scales.get(i) <= scales.get(i - 1)) throw new IllegalArgumentException("scales must be ascending without repeats, got " + scales);
        for (ModelKind k : models)
            if (!ModelKind.paperModels().contains(k)) throw new IllegalArgumentException(k + " is not one of Table 1's models");
    }

    /** One run of the grid. */
    public record Cell(ModelKind kind, EmbeddingMode mode, int scale, long seed) {
        public ModelSpec spec() {
            return ModelSpec.of(kind).scale(scale, mode);
        }

        @Override
        public String toString() {
            return spec().label() + " (" + scale + "×, seed " + seed + ")";
        }
    }

    /** The runs in order: per model, per scale, SE then ME (no ME at 1×), per seed. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (ModelKind k : models)
            for (int n : scales)
                for (EmbeddingMode mode : EmbeddingMode.values()) {
                    if (n == 1 && mode == EmbeddingMode.MULTI) continue;
                    for (long s : seeds) cells.add(new Cell(k, mode, n, s));
                }
        return cells;
    }

    /** The run of every cell, in {@link #cells()} order; {@code config}'s seed is replaced by each cell's. */
    public List<RunRequest> requests(EncodedDataset data, TrainConfig config) {
        return cells().stream().map(c -> RunRequest.of(c.spec(), config, c.seed(), data)).toList();
    }

    /**
     * Obtains every cell's run through {@code executor} (from the run store, trained where missing): one row per run
     * with columns {@link #MODEL}, {@link #MODE}, {@link #SCALE}, {@link #SEED}, {@link #SETS}, {@link #K},
     * {@link #EPOCHS}, {@link #BEST_EPOCH}, {@link #VALID_AUC}, {@link #TEST_AUC}, {@link #TEST_LOGLOSS},
     * {@link #SECONDS} (of the training).
     *
     * <p>A cell whose model is over the memory budget ({@link ModelTooLargeException}) is left out and the grid goes on,
     * as the paper left out NFwFM 10× on Avazu: the cell is printed with the estimate, the table's name lists the cells
     * left out, and {@link #paperLayout} shows "–" for them. Nothing is stored for it, so a re-run on a larger machine trains it.
     */
    public Table run(EncodedDataset data, TrainConfig config, RunExecutor executor) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        List<Cell> cells = cells();
        List<RunRequest> requests = requests(data, config);
        Table all = emptyRuns();
        try {
            List<RunRecord> runs = executor.obtain(requests);
            for (int i = 0; i < cells.size(); i++) append(all, cells.get(i), runs.get(i));
            return all;
        } catch (ModelTooLargeException tooLarge) {
            // some cell does not fit: obtain them one by one (those already trained are read back) and leave that one out
        }
        List<String> leftOut = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            try {
                append(all, cells.get(i), executor.obtain(requests.get(i)));
            } catch (ModelTooLargeException e) {
                System.out.printf(Locale.ROOT, "[%d/%d] %s: left out, it does not fit: %s%n", i + 1, cells.size(), cells.get(i), e.getMessage());
                leftOut.add(cells.get(i).toString());
            }
        }
        if (!leftOut.isEmpty()) {
            System.out.printf(Locale.ROOT, "%d of %d cells left out (over the memory budget): %s%n", leftOut.size(), cells.size(), leftOut);
            all.setName(all.name() + "; left out, over the memory budget: " + String.join(", ", leftOut));
        }
        return all;
    }

    private static Table emptyRuns() {
        return Table.create("scaling grid: one row per run", StringColumn.create(MODEL), StringColumn.create(MODE), IntColumn.create(SCALE),
                IntColumn.create(SEED), IntColumn.create(SETS), IntColumn.create(K), IntColumn.create(EPOCHS), IntColumn.create(BEST_EPOCH),
                DoubleColumn.create(VALID_AUC), DoubleColumn.create(TEST_AUC), DoubleColumn.create(TEST_LOGLOSS), DoubleColumn.create(SECONDS));
    }

    private static void append(Table t, Cell cell, RunRecord r) {
        append(t, cell, r.spec().sets(), r.spec().embeddingSize(), r.epochs(), r.bestEpoch(), r.validAuc(), r.testAuc(), r.testLogloss(), r.seconds());
    }

    private static void append(Table t, Cell cell, int sets, int k, int epochs, int best, double valid, double auc, double ll, double seconds) {
        t.stringColumn(MODEL).append(cell.kind().displayName());
        t.stringColumn(MODE).append(cell.mode().label());
        t.intColumn(SCALE).append(cell.scale());
        t.intColumn(SEED).append(Math.toIntExact(cell.seed()));
        t.intColumn(SETS).append(sets);
        t.intColumn(K).append(k);
        t.intColumn(EPOCHS).append(epochs);
        t.intColumn(BEST_EPOCH).append(best);
        t.doubleColumn(VALID_AUC).append(valid);
        t.doubleColumn(TEST_AUC).append(auc);
        t.doubleColumn(TEST_LOGLOSS).append(ll);
        t.doubleColumn(SECONDS).append(seconds);
    }

    static ModelKind kindOf(String displayName) {
        for (ModelKind k : ModelKind.values()) if (k.displayName().equals(displayName)) return k;
        throw new IllegalArgumentException("no model named '" + displayName + "'");
    }

    static EmbeddingMode modeOf(String label) {
        for (EmbeddingMode m : EmbeddingMode.values()) if (m.label().equals(label)) return m;
        throw new IllegalArgumentException("no embedding mode '" + label + "'");
    }

    // ---------------------------------------------------------------- layouts, series and claims of a run table ({@link ScalingStats})

    /** Marker put around the best SE cell of a model (the paper underlines it). */
    public static final String BEST_SE = "_";
    /** Marker put around the best ME cell of a model (the paper bolds it). */
    public static final String BEST_ME = "**";
    /** The ME cell at 1×: the same model as SE 1×, left out as in the paper's Tables 3 and 4. */
    public static final String SAME_AS_SE = "(= SE)";

    /**
     * Table 1's layout: one row per model and mode, one column per scale ("1×", "2×", ...), cells
     * {@code mean ± std} of the test AUC with five decimals, or the mean alone for a cell of one run; per model the
     * best SE cell is wrapped in {@link #BEST_SE} (the paper's underline) and the best ME cell (over scales ≥ 2) in
     * {@link #BEST_ME} (its bold). The best is the highest mean; ties all get the marker. The title says how many runs
     * each cell has when they all have the same number.
     */
    public static Table paperLayout(Table runs) {
        List<Cellstats> stats = ScalingStats.stats(runs);
        List<Integer> counts = stats.stream().map(Cellstats::runs).distinct().toList();
        String detail = counts.size() > 1 ? "mean ± std over seeds; a cell of one run shows its mean only, no std"
                : counts.get(0) == 1 ? "one run per cell, so no std" : "mean ± std over " + counts.get(0) + " runs";
        return layout("test AUC", detail, ScalingStats.summary(runs), stats.stream().map(Cellstats::model).distinct().toList(),
                stats.stream().map(Cellstats::scale).distinct().sorted().toList());
    }

    /**
     * Table 1's layout of {@code cells} (columns {@link #MODEL}, {@link #MODE}, {@link #SCALE}, {@link ScalingStats#MEAN_TEST_AUC},
     * {@link ScalingStats#STD_TEST_AUC}), rows for {@code models} in that order, columns for {@code scales}; a cell {@code cells}
     * lacks is {@link #SAME_AS_SE} for ME 1× and "–" otherwise. The title is {@code subject (detail; markers)}.
     */
    private static Table layout(String subject, String detail, Table cells, List<String> models, List<Integer> scales) {
        StringColumn model = StringColumn.create("model"), mode = StringColumn.create("mode");
        List<StringColumn> cols = scales.stream().map(n -> StringColumn.create(scaleLabel(n))).toList();
        DoubleColumn means = cells.doubleColumn(ScalingStats.MEAN_TEST_AUC), stds = cells.doubleColumn(ScalingStats.STD_TEST_AUC);
        for (String m : models)
            for (EmbeddingMode em : EmbeddingMode.values()) {
                model.append(m);
                mode.append(em.label());
                double best = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < cells.rowCount(); i++)
                    if (isCell(cells, i, m, em)) best = Math.max(best, means.getDouble(i));
                for (int c = 0; c < scales.size(); c++) {
                    int n = scales.get(c);
                    String cell = em == EmbeddingMode.MULTI && n == 1 ? SAME_AS_SE : "–";
                    for (int i = 0; i < cells.rowCount(); i++)
                        if (isCell(cells, i, m, em) && cells.intColumn(SCALE).getInt(i) == n) {
                            cell = SeedRuns.meanStd(means.getDouble(i), stds.getDouble(i));
                            if (means.getDouble(i) == best) cell = em == EmbeddingMode.SINGLE ? BEST_SE + cell + BEST_SE : BEST_ME + cell + BEST_ME;
                        }
                    cols.get(c).append(cell);
                }
            }
        Table t = Table.create(subject + " (" + detail + "; " + BEST_SE + "best SE" + BEST_SE + ", " + BEST_ME + "best ME" + BEST_ME + ")", model, mode);
        cols.forEach(t::addColumns);
        return t;
    }

    private static boolean isCell(Table cells, int row, String model, EmbeddingMode mode) {
        return cells.stringColumn(MODEL).get(row).equals(model) && cells.stringColumn(MODE).get(row).equals(mode.label());
    }

    static String scaleLabel(int n) {
        return n + "×";
    }

    private static Cellstats find(List<Cellstats> stats, String model, String mode, int scale) {
        for (Cellstats s : stats) if (s.model().equals(model) && s.mode().equals(mode) && s.scale() == scale) return s;
        return null;
    }

    /**
     * Figs. 1a and 8: test AUC against scale for one model, SE and ME, mean with ±1 std error bars. The ME curve
     * starts at the shared 1× base. A point of one run gets an error bar of 0, not its NaN std, and a curve whose
     * points all have one run gets none.
     */
    public static List<Series> series(Table runs, ModelKind kind) {
        List<Cellstats> stats = ScalingStats.stats(runs);
        List<Series> out = new ArrayList<>();
        Cellstats base = find(stats, kind.displayName(), EmbeddingMode.SINGLE.label(), 1);
        for (EmbeddingMode em : EmbeddingMode.values()) {
            List<Cellstats> pts = new ArrayList<>();
            if (em == EmbeddingMode.MULTI && base != null) pts.add(base);
            stats.stream().filter(s -> s.model().equals(kind.displayName()) && s.mode().equals(em.label())).forEach(pts::add);
            if (pts.isEmpty()) continue;
            boolean anyStd = pts.stream().anyMatch(s -> !Double.isNaN(s.stdAuc()));
            double[] error = anyStd ? pts.stream().mapToDouble(s -> Double.isNaN(s.stdAuc()) ? 0 : s.stdAuc()).toArray() : null;
            out.add(new Series(kind.displayName() + " " + em.label(), pts.stream().mapToDouble(Cellstats::scale).toArray(),
                    pts.stream().mapToDouble(Cellstats::meanAuc).toArray(), error));
        }
        return out;
    }

    /**
     * The paper's claims checked per model, from the means: SE's change from 1× to the largest scale, ME's change,
     * ME − SE at the largest scale, the best SE and ME scales, and whether "SE does not scale" (SE at the largest
     * scale is not 0.001 or more above the base — the paper's threshold for a significant gain) and "ME improves
     * with size" (ME at the largest scale above the base and above SE there) held.
     */
    public static Table claims(Table runs) {
        List<Cellstats> stats = ScalingStats.stats(runs);
        StringColumn model = StringColumn.create("model"), seHeld = StringColumn.create("SE does not scale"),
                meHeld = StringColumn.create("ME improves with size");
        IntColumn largest = IntColumn.create("largest scale"), bestSe = IntColumn.create("best SE scale"), bestMe = IntColumn.create("best ME scale");
        DoubleColumn dSe = DoubleColumn.create("SE: largest − 1×"), dMe = DoubleColumn.create("ME: largest − 1×"),
                gap = DoubleColumn.create("ME − SE at largest");
        for (String m : stats.stream().map(Cellstats::model).distinct().toList()) {
            Cellstats base = find(stats, m, "SE", 1);
            // the largest scale with both modes: a cell left out (over the memory budget) does not drop the model
            int top = stats.stream().filter(s -> s.model().equals(m) && s.mode().equals("ME")).mapToInt(Cellstats::scale)
                    .filter(n -> find(stats, m, "SE", n) != null).max().orElse(1);
            Cellstats se = find(stats, m, "SE", top), me = find(stats, m, "ME", top);
            if (base == null || se == null || me == null || top == 1) continue;
            model.append(m);
            largest.append(top);
            dSe.append(se.meanAuc() - base.meanAuc());
            dMe.append(me.meanAuc() - base.meanAuc());
            gap.append(me.meanAuc() - se.meanAuc());
            bestSe.append(bestScale(stats, m, "SE", null));
            bestMe.append(bestScale(stats, m, "ME", base));
            seHeld.append(se.meanAuc() - base.meanAuc() < 0.001 ? "yes" : "no");
            meHeld.append(me.meanAuc() > base.meanAuc() && me.meanAuc() > se.meanAuc() ? "yes" : "no");
        }
        return Table.create("the paper's claims on this grid (test AUC means)", model, largest, dSe, dMe, gap, bestSe, bestMe, seHeld, meHeld);
    }

    private static int bestScale(List<Cellstats> stats, String model, String mode, Cellstats base) {
        Cellstats best = base;
        for (Cellstats s : stats)
            if (s.model().equals(model) && s.mode().equals(mode) && (best == null || s.meanAuc() > best.meanAuc())) best = s;
        return best == null ? 0 : best.scale();
    }

    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    // ---------------------------------------------------------------- the paper's numbers

    private static final String[] PAPER_MODELS = {"DNN", "IPNN", "NFwFM", "xDeepFM", "DCNv2", "FinalMLP"};
    private static final int[] PAPER_SCALES = {1, 2, 3, 4, 10};
    /** Runs per cell in the paper (Appendix C.2: "We repeat each experiment for 3 times"). */
    private static final int PAPER_RUNS = 3;

    /** A dataset of the paper's scaling experiment, with the appendix table that prints its results. */
    public enum PaperDataset {
        CRITEO("Criteo", 3), AVAZU("Avazu", 4);

        private final String displayName;
        private final int table;

        PaperDataset(String displayName, int table) {
            this.displayName = displayName;
            this.table = table;
        }

        public String displayName() {
            return displayName;
        }

        /** The number of the paper's appendix table (C.3) with this dataset's mean ± std per cell. */
        public int table() {
            return table;
        }
    }

    /** Where the paper's numbers are kept, with their provenance in its header lines ({@code #}). */
    static final String PAPER_RESOURCE = "paper-scaling.csv";

    /**
     * The paper's results on a dataset (its appendix table {@link PaperDataset#table()}: the means of Table 1 with
     * their standard deviations over 3 runs) as {@link ScalingStats#summary}'s AUC columns: model, mode, scale, runs, mean test
     * AUC, std test AUC, one row per number the paper prints (none for ME 1× or a "–"). Read from the resource
     * {@value #PAPER_RESOURCE}; nothing computed here.
     */
    public static Table paperNumbers(PaperDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        Table all = paperResource();
        Table t = all.where(all.stringColumn("dataset").isEqualTo(dataset.displayName()))
                .selectColumns(MODEL, MODE, SCALE, ScalingStats.RUNS, ScalingStats.MEAN_TEST_AUC, ScalingStats.STD_TEST_AUC);
        t.setName(paperTitle(dataset) + " (Table " + dataset.table() + ", Appendix C.3: mean ± std over " + PAPER_RUNS + " runs)");
        return t;
    }

    /** The resource's table, its {@code #} provenance lines left out. */
    static Table paperResource() {
        try (var in = ScalingGrid.class.getResourceAsStream(PAPER_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the resource " + PAPER_RESOURCE + " is missing from the class path");
            String csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .collect(java.util.stream.Collectors.joining("\n"));
            return Table.read().usingOptions(tech.tablesaw.io.csv.CsvReadOptions.builder(new java.io.StringReader(csv)).tableName(PAPER_RESOURCE)
                    .columnTypes(new tech.tablesaw.api.ColumnType[] {tech.tablesaw.api.ColumnType.STRING, tech.tablesaw.api.ColumnType.INTEGER,
                            tech.tablesaw.api.ColumnType.STRING, tech.tablesaw.api.ColumnType.STRING, tech.tablesaw.api.ColumnType.INTEGER,
                            tech.tablesaw.api.ColumnType.INTEGER, tech.tablesaw.api.ColumnType.DOUBLE, tech.tablesaw.api.ColumnType.DOUBLE}));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the resource " + PAPER_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@link #paperNumbers} in Table 1's layout ({@link #paperLayout}'s, markers recomputed from the printed means),
     * for the given models in the paper's order, or all six when none are given.
     */
    public static Table paperNumbersLayout(PaperDataset dataset, List<ModelKind> only) {
        List<String> names = only.stream().map(ModelKind::displayName).toList();
        List<String> models = Arrays.stream(PAPER_MODELS).filter(m -> names.isEmpty() || names.contains(m)).toList();
        return layout(paperTitle(dataset), "Table 1 / Table " + dataset.table() + ", mean ± std over " + PAPER_RUNS
                + " runs; markers recomputed from the printed means", paperNumbers(dataset), models, Arrays.stream(PAPER_SCALES).boxed().toList());
    }

    private static String paperTitle(PaperDataset dataset) {
        return "the paper's " + dataset.displayName() + " test AUC";
    }
}
