package org.collapselab.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.model.ModelTooLargeException;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.ScalingClaims;
import org.collapselab.run.Recipe;
import org.collapselab.run.RunExecutor;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.train.Predictions;
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
 * <p>This class enumerates the grid's runs and obtains them as a run table; {@link ScalingStats} summarises that
 * table per cell, {@link ScalingLayout} lays it out as Table 1, {@link ScalingSeries} draws its curves,
 * {@link Result#claims} checks the paper's claims on its runs and {@link PaperScaling} holds the paper's own numbers.
 *
 * <p>Every run (model × mode × scale × seed) is one run of the {@link RunStore}, shared with the other recipes, so an
 * interrupted grid resumes where it stopped and a finished one is read back without training.
 *
 * @param models the model kinds, in table order
 * @param scales the scale factors, ascending (must include 1: the base)
 * @param seeds  the seeds each cell is repeated over
 * @param config training settings (its seed is replaced by each cell's)
 */
public record ScalingGrid(List<ModelKind> models, List<Integer> scales, List<Long> seeds, TrainConfig config) implements Recipe<ScalingGrid.Result> {
    /** Column names of {@link #run}'s table. */
    public static final String MODEL = "model", MODE = "mode", SCALE = "scale", SEED = "seed", SETS = "sets", K = "K", EPOCHS = "epochs",
            BEST_EPOCH = "best epoch", VALID_AUC = "valid AUC", TEST_AUC = "test AUC", TEST_LOGLOSS = "test logloss", SECONDS = "seconds";

    public ScalingGrid {
        Objects.requireNonNull(config, "config");
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
    @Override
    public List<RunRequest> requests(EncodedDataset data) {
        return cells().stream().map(c -> RunRequest.of(c.spec(), config, c.seed(), data)).toList();
    }

    /** The run table and the runs by cell, from the records of every cell in {@link #cells()} order. */
    @Override
    public Result result(EncodedDataset data, List<RunRecord> runs, RunStore store) {
        List<Cell> cells = cells();
        if (runs.size() != cells.size()) throw new IllegalArgumentException(cells.size() + " cells but " + runs.size() + " runs");
        Map<Cell, RunRecord> obtained = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) obtained.put(cells.get(i), runs.get(i));
        return Result.of(obtained);
    }

    /**
     * Obtains every cell's run through {@code executor} (from the run store, trained where missing): one row per run
     * with columns {@link #MODEL}, {@link #MODE}, {@link #SCALE}, {@link #SEED}, {@link #SETS}, {@link #K},
     * {@link #EPOCHS}, {@link #BEST_EPOCH}, {@link #VALID_AUC}, {@link #TEST_AUC}, {@link #TEST_LOGLOSS},
     * {@link #SECONDS} (of the training).
     *
     * <p>A cell whose model is over the memory budget ({@link ModelTooLargeException}) is left out and the grid goes on,
     * as the paper left out NFwFM 10× on Avazu: the cell is printed with the estimate, the table's name lists the cells
     * left out, and {@link ScalingLayout#paperLayout} shows "–" for them. Nothing is stored for it, so a re-run on a larger machine trains it.
     */
    @Override
    public Result run(EncodedDataset data, RunExecutor executor) {
        Objects.requireNonNull(data, "data");
        List<Cell> cells = cells();
        List<RunRequest> requests = requests(data);
        try {
            return result(data, executor.obtain(requests), executor.store());
        } catch (ModelTooLargeException tooLarge) {
            // some cell does not fit: obtain them one by one (those already trained are read back) and leave that one out
        }
        Map<Cell, RunRecord> obtained = new LinkedHashMap<>();
        List<String> leftOut = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            try {
                obtained.put(cells.get(i), executor.obtain(requests.get(i)));
            } catch (ModelTooLargeException e) {
                System.out.printf(Locale.ROOT, "[%d/%d] %s: left out, it does not fit: %s%n", i + 1, cells.size(), cells.get(i), e.getMessage());
                leftOut.add(cells.get(i).toString());
            }
        }
        Result result = Result.of(obtained);
        if (!leftOut.isEmpty()) {
            System.out.printf(Locale.ROOT, "%d of %d cells left out (over the memory budget): %s%n", leftOut.size(), cells.size(), leftOut);
            result.runs().setName(result.runs().name() + "; left out, over the memory budget: " + String.join(", ", leftOut));
        }
        return result;
    }

    /**
     * The grid's runs: {@link #runs} one row per run (the columns of {@link #run}), {@link #records} the runs themselves
     * by cell (cells left out are absent), and the paper's claims on them.
     */
    public record Result(Table runs, Map<Cell, RunRecord> records) implements PaperResult {
        public Result {
            Objects.requireNonNull(runs, "runs");
            records = Collections.unmodifiableMap(new LinkedHashMap<>(records));
        }

        /** The run table of {@code records}, one row per run in their order. */
        static Result of(Map<Cell, RunRecord> records) {
            Table all = emptyRuns();
            records.forEach((cell, r) -> append(all, cell, r));
            return new Result(all, records);
        }

        /** The model kinds that have runs, in grid order. */
        public List<ModelKind> models() {
            return records.keySet().stream().map(Cell::kind).distinct().toList();
        }

        /** Test predictions of one model and mode per scale, one run per seed in seed order. */
        public SortedMap<Integer, List<Predictions>> testPredictions(ModelKind kind, EmbeddingMode mode) {
            SortedMap<Integer, List<Predictions>> out = new TreeMap<>();
            records.forEach((c, r) -> {
                if (c.kind() == kind && c.mode() == mode) out.computeIfAbsent(c.scale(), n -> new ArrayList<>()).add(r.result().test());
            });
            return out;
        }

        /** {@link #runs()}: one row per run. */
        @Override
        public Table table() {
            return runs;
        }

        /** "SE does not scale" and "ME improves with size" for every model of the grid, models in grid order. */
        @Override
        public List<Claim> claims() {
            List<Claim> out = new ArrayList<>();
            for (ModelKind k : models()) {
                var se = testPredictions(k, EmbeddingMode.SINGLE);
                var me = testPredictions(k, EmbeddingMode.MULTI);
                out.add(ScalingClaims.seDoesNotScale(k.displayName(), se, me));
                out.add(ScalingClaims.meImprovesWithSize(k.displayName(), se, me));
            }
            return out;
        }
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

    /** Mean of {@code v}, NaN when empty. */
    static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }
}
