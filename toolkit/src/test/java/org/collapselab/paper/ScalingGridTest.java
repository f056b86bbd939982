package org.collapselab.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Progress;
import org.collapselab.data.ToyData;
import org.collapselab.model.CtrModel;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.PaperScaling.PaperDataset;
import org.collapselab.paper.claim.Claim;
import org.collapselab.plot.Series;
import org.collapselab.run.RunExecutor;
import org.collapselab.run.RunStore;
import org.collapselab.run.SequentialExecutor;
import org.collapselab.train.EpochResult;
import org.collapselab.train.SeedRuns;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.TrainContext;
import org.collapselab.train.Trainer;
import org.collapselab.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ScalingGridTest {
    @TempDir
    Path tmp;

    /** A run table as {@link ScalingGrid#run} writes it, with only the columns the summaries read. */
    private static Table runs(Object[][] rows) {
        StringColumn model = StringColumn.create(ScalingGrid.MODEL), mode = StringColumn.create(ScalingGrid.MODE);
        IntColumn scale = IntColumn.create(ScalingGrid.SCALE);
        DoubleColumn auc = DoubleColumn.create(ScalingGrid.TEST_AUC), ll = DoubleColumn.create(ScalingGrid.TEST_LOGLOSS);
        for (Object[] r : rows) {
            model.append((String) r[0]);
            mode.append((String) r[1]);
            scale.append((Integer) r[2]);
            auc.append((Double) r[3]);
            ll.append(0.5);
        }
        return Table.create("runs", model, mode, scale, auc, ll);
    }

    private static final Object[][] ROWS = {
            {"DNN", "SE", 1, 0.70}, {"DNN", "SE", 1, 0.72}, {"DNN", "SE", 1, 0.71},
            {"DNN", "SE", 2, 0.700}, {"DNN", "SE", 2, 0.704},
            {"DNN", "ME", 2, 0.73}, {"DNN", "ME", 2, 0.74},
            {"DCNv2", "SE", 1, 0.75}, {"DCNv2", "SE", 2, 0.76}, {"DCNv2", "ME", 2, 0.755}};

    @Test
    void paperLayoutShowsMeanAndSampleStdWithTheBestMarked() {
        Table t = ScalingLayout.paperLayout(runs(ROWS));
        assertEquals(List.of("model", "mode", "1×", "2×"), t.columnNames());
        assertEquals(4, t.rowCount());
        // by hand: mean 0.71, deviations −0.01, 0.01, 0 → s² = 0.0002/2 → s = 0.01
        assertEquals(List.of("DNN", "SE", "_0.71000 ± 0.01000_", "0.70200 ± 0.00283"), row(t, 0));
        // ME 1× is the SE base model; 0.735 ± sqrt(2·0.005²/1) = 0.00707
        assertEquals(List.of("DNN", "ME", "(= SE)", "**0.73500 ± 0.00707**"), row(t, 1));
        // one run per cell: the mean alone, no "± 0.00000" that would read as a measured zero spread
        assertEquals(List.of("DCNv2", "SE", "0.75000", "_0.76000_"), row(t, 2));
        assertEquals(List.of("DCNv2", "ME", "(= SE)", "**0.75500**"), row(t, 3));
        assertTrue(t.name().contains("a cell of one run shows its mean only"), t.name());
    }

    @Test
    void oneRunPerCellHasNoStdAnywhere() {
        Table runs = runs(new Object[][]{{"DNN", "SE", 1, 0.70096}, {"DNN", "SE", 2, 0.69824}, {"DNN", "ME", 2, 0.69542}});
        Table t = ScalingLayout.paperLayout(runs);
        assertEquals(List.of("DNN", "SE", "_0.70096_", "0.69824"), row(t, 0));
        assertEquals(List.of("DNN", "ME", "(= SE)", "**0.69542**"), row(t, 1));
        assertTrue(t.name().contains("one run per cell, so no std"), t.name());

        ScalingStats.Cellstats base = ScalingStats.stats(runs).get(0);
        assertEquals(1, base.runs());
        assertTrue(Double.isNaN(base.stdAuc()) && Double.isNaN(base.stdLogloss()), base.toString());
        Table summary = ScalingStats.summary(runs);
        assertEquals(3, summary.doubleColumn(ScalingStats.STD_TEST_AUC).countMissing());
        assertEquals(3, summary.doubleColumn("std test logloss").countMissing());
        assertEquals(0.70096, summary.doubleColumn(ScalingStats.MEAN_TEST_AUC).get(0), 0);
    }

    @Test
    void aCellOfOneRunHasNoStd() {
        Table runs = runs(new Object[][]{{"DNN", "SE", 1, 0.70}, {"DNN", "SE", 1, 0.72}, {"DNN", "SE", 2, 0.71}, {"DNN", "ME", 2, 0.73}});
        Table summary = ScalingStats.summary(runs);
        assertEquals(Math.sqrt(2) * 0.01, summary.doubleColumn(ScalingStats.STD_TEST_AUC).get(0), 1e-12);
        assertTrue(summary.doubleColumn(ScalingStats.STD_TEST_AUC).isMissing(1), "one run: no std");
    }

    @Test
    void theTitleGivesTheRunCountWhenEveryCellHasTheSame() {
        Table t = ScalingLayout.paperLayout(runs(new Object[][]{{"DNN", "SE", 1, 0.70}, {"DNN", "SE", 1, 0.71}, {"DNN", "SE", 2, 0.72},
                {"DNN", "SE", 2, 0.72}, {"DNN", "ME", 2, 0.70}, {"DNN", "ME", 2, 0.74}}));
        assertTrue(t.name().contains("mean ± std over 2 runs"), t.name());
        assertEquals(List.of("DNN", "SE", "0.70500 ± 0.00707", "_0.72000 ± 0.00000_"), row(t, 0));   // two equal runs: a measured 0
        assertEquals(List.of("DNN", "ME", "(= SE)", "**0.72000 ± 0.02828**"), row(t, 1));
    }

    private static List<String> row(Table t, int r) {
        return t.columnNames().stream().map(n -> t.stringColumn(n).get(r)).toList();
    }

    @Test
    void aGridRunTwiceWithTheSameCacheDoesNotRetrain() {
        EncodedDataset data = ToyData.generate(30, 30, 3, 1);
        TrainConfig config = TrainConfig.builder().maxEpochs(1).patience(1).batchSize(128).build();
        ScalingGrid grid = new ScalingGrid(List.of(ModelKind.DNN), List.of(1, 2), List.of(0L), config);
        assertEquals(3, grid.cells().size());    // SE 1×, SE 2×, ME 2× (ME 1× is SE 1×)
        AtomicInteger trainings = new AtomicInteger();
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onEpoch(EpochResult r, CtrModel model) {
                if (r.epoch() == 1) trainings.incrementAndGet();
            }
        };
        RunStore store = new RunStore(tmp.resolve("runs"));
        Table first = grid.run(data, new SequentialExecutor(store, List.of(data), Progress.NONE, List.of(counter))).runs();
        assertEquals(3, trainings.get());
        assertEquals(3, first.rowCount());
        Table second = grid.run(data, new SequentialExecutor(store, List.of(data), Progress.NONE, List.of(counter))).runs();
        assertEquals(3, trainings.get(), "the second run must read every result from the store");
        assertEquals(first.print(100), second.print(100));
        // a larger grid trains only its new cells
        new ScalingGrid(List.of(ModelKind.DNN), List.of(1, 2), List.of(0L, 1L), config).run(data, new SequentialExecutor(store, List.of(data), Progress.NONE, List.of(counter)));
        assertEquals(6, trainings.get());
        assertEquals(EmbeddingMode.MULTI.label(), first.stringColumn(ScalingGrid.MODE).get(2));
        assertTrue(first.doubleColumn(ScalingGrid.TEST_AUC).min() > 0);
    }

    @Test
    void aCellOverTheMemoryBudgetIsLeftOutAndTheGridGoesOn() {
        EncodedDataset data = ToyData.generate(30, 30, 3, 1);
        TrainConfig config = TrainConfig.builder().maxEpochs(1).patience(1).batchSize(128).build();
        ScalingGrid grid = new ScalingGrid(List.of(ModelKind.DNN), List.of(1, 2), List.of(0L), config);
        // a budget between the 1× model's estimate and the 2× models': the estimate depends on the spec, schema and batch only
        long at1 = new Trainer(config).newModel(ModelSpec.of(ModelKind.DNN), data.schema()).memory().total();
        long at2 = Math.min(new Trainer(config).newModel(ModelSpec.of(ModelKind.DNN).scale(2, EmbeddingMode.SINGLE), data.schema()).memory().total(),
                new Trainer(config).newModel(ModelSpec.of(ModelKind.DNN).scale(2, EmbeddingMode.MULTI), data.schema()).memory().total());
        assertTrue(at1 < at2, at1 + " vs " + at2);
        RunExecutor cache = new SequentialExecutor(new RunStore(tmp.resolve("runs")), data);
        RunExecutor tight = new SequentialExecutor(cache.store(), List.of(data), TrainContext.builder().memoryBudget((at1 + at2) / 2).build(), List.of());
        ScalingGrid.Result small = grid.run(data, tight);
        Table runs = small.runs();
        assertEquals(List.of(1), runs.intColumn(ScalingGrid.SCALE).asList(), "only the 1× cell fits");
        assertTrue(runs.name().contains("left out, over the memory budget: DNN SE K20 (2×, seed 0), DNN ME 2×K10 (2×, seed 0)"), runs.name());
        // the layout has a column per scale that ran; a model's cell left out where others ran shows "–" (see the Avazu test)
        assertEquals(List.of("DNN", "SE", "_" + SeedRuns.meanStd(runs.doubleColumn(ScalingGrid.TEST_AUC).get(0), Double.NaN) + "_"),
                row(ScalingLayout.paperLayout(runs), 0));
        assertTrue(small.claims().stream().allMatch(c -> c.evidence().isEmpty()), "no scale with both modes beyond 1×: nothing to test");
        // not stored as runs: with room, the same grid trains them
        Table all = grid.run(data, cache).runs();
        assertEquals(3, all.rowCount());
        assertTrue(!all.name().contains("left out"), all.name());
    }

    @Test
    void theResultKeepsEachCellsPredictionsForItsClaimsAndCurves() {
        EncodedDataset data = ToyData.generate(30, 30, 3, 1);
        TrainConfig config = TrainConfig.builder().maxEpochs(1).patience(1).batchSize(128).build();
        ScalingGrid.Result r = new ScalingGrid(List.of(ModelKind.DNN), List.of(1, 2), List.of(0L), config).run(data,
                new SequentialExecutor(new RunStore(tmp.resolve("runs")), data));
        var se = r.testPredictions(ModelKind.DNN, EmbeddingMode.SINGLE);
        assertEquals(List.of(1, 2), List.copyOf(se.keySet()));
        assertEquals(r.runs().doubleColumn(ScalingGrid.TEST_AUC).get(1), se.get(2).get(0).auc(), 1e-12);
        List<Claim> claims = r.claims();
        assertEquals(2, claims.size());
        assertTrue(claims.get(0).reason().contains("DeLong, paired on"), claims.get(0).reason());
        List<Series> s = ScalingSeries.series(r, ModelKind.DNN);
        assertEquals("DNN ME", s.get(1).name());
        assertEquals(1.0, s.get(1).x()[0]);                         // ME starts at the shared base
        assertEquals(se.get(1).get(0).auc(), s.get(1).y()[0], 1e-12);
        assertTrue(s.get(0).error()[0] > 0, "each point carries its interval");
        var charts = ScalingSeries.perModel(r, "Avazu");
        assertEquals(1, charts.size(), "one chart per model of the grid");
        assertEquals("DNN on Avazu: SE vs ME", charts.get(0).getTitle());
        assertEquals("DNN: SE vs ME", ScalingSeries.perModel(r, "").get(0).getTitle());
    }

    /**
     * The paper's text, when it is beside this repository (the system property {@code collapselab.shared}, default
     * {@code ../shared} of the repository); the tests that compare the resource with it are skipped in a clone without it.
     */
    private static Path paperText() {
        Path text = Path.of(System.getProperty("collapselab.shared", "../../shared")).resolve("paper/embedding-collapse.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(text), "the paper's text is not beside this repository: " + text.toAbsolutePath());
        return text;
    }

    @Test
    void thePapersNumbersResourceSaysWhereItsNumbersComeFrom() throws IOException {
        try (var in = PaperScaling.class.getResourceAsStream(PaperScaling.PAPER_RESOURCE)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.startsWith("#") && text.contains("Appendix C.3") && text.contains("Table 3") && text.contains("Table 4"), text.substring(0, 300));
        }
        // 6 models × (5 SE + 4 ME) per dataset, less Avazu's NFwFM 10× in both modes
        assertEquals(54, PaperScaling.paperNumbers(PaperDataset.CRITEO).rowCount());
        assertEquals(52, PaperScaling.paperNumbers(PaperDataset.AVAZU).rowCount());
    }

    /** Table 1 prints the means of Tables 3 and 4 side by side (its ME "base" column repeats ME 2×). */
    @Test
    void table1HasTheSameMeansAsTheResource() throws IOException {
        List<String> lines = Files.readAllLines(paperText());
        int at = 0;
        while (!lines.get(at).startsWith("Table 1:")) at++;
        while (!lines.get(at).trim().startsWith("base")) at++;
        int[] scales = {1, 2, 3, 4, 10};
        String model = null;
        int compared = 0;
        for (String line : lines.subList(at + 1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length < 12 || !(f[1].equals("SE") || f[1].equals("ME"))) break;
            if (!f[0].isEmpty()) model = f[0];
            for (PaperDataset d : PaperDataset.values()) {
                Table p = PaperScaling.paperNumbers(d);
                for (int c = 0; c < scales.length; c++) {
                    String cell = f[2 + 5 * d.ordinal() + c].replace("<u>", "").replace("</u>", "").trim();
                    if (cell.equals("–") || (f[1].equals("ME") && scales[c] == 1)) continue;
                    String m = model, mode = f[1];
                    int scale = scales[c];
                    Table row = p.where(p.stringColumn(ScalingGrid.MODEL).isEqualTo(m).and(p.stringColumn(ScalingGrid.MODE).isEqualTo(mode))
                            .and(p.intColumn(ScalingGrid.SCALE).isEqualTo(scale)));
                    assertEquals(1, row.rowCount(), m + " " + mode + " " + scale + " on " + d);
                    assertEquals(Double.parseDouble(cell), row.doubleColumn(ScalingStats.MEAN_TEST_AUC).get(0), 0, m + " " + mode + " " + scale + " on " + d);
                    compared++;
                }
            }
        }
        assertEquals(54 + 52, compared, "every number of the resource is in Table 1 (ME 1× repeats ME 2× there)");
    }

    /**
     * The cells of the paper's appendix table {@code number}, read from the paper's text (tab-separated: a header of
     * scales "base 2x 3x 4x 10x", then per model an SE row "model SE cells" and an ME row "(blank) ME cells" whose base
     * cell is empty): "model|mode|scale" → {mean, std}, or null for a "–".
     */
    private static Map<String, double[]> paperTable(int number) throws IOException {
        List<String> lines = Files.readAllLines(paperText());
        int at = 0;
        while (!lines.get(at).startsWith("Table " + number + ":")) at++;
        while (!lines.get(at).trim().startsWith("base")) at++;
        List<Integer> scales = new java.util.ArrayList<>();
        for (String h : lines.get(at).trim().split("\t")) scales.add(h.equals("base") ? 1 : Integer.parseInt(h.replace("x", "")));
        Map<String, double[]> cells = new HashMap<>();
        String model = null;
        for (String line : lines.subList(at + 1, lines.size())) {
            String[] f = line.split("\t", -1);
            if (f.length < 3 || !(f[1].equals("SE") || f[1].equals("ME"))) break;
            if (!f[0].isEmpty()) model = f[0];
            for (int c = 0; c < scales.size() && 2 + c < f.length; c++) {
                String cell = f[2 + c].trim();
                if (cell.isEmpty()) continue;
                String key = model + "|" + f[1] + "|" + scales.get(c);
                if (cell.equals("–")) cells.put(key, null);
                else {
                    String[] ms = cell.split("\\\\pm");
                    cells.put(key, new double[]{Double.parseDouble(ms[0].trim()), Double.parseDouble(ms[1].trim())});
                }
            }
        }
        return cells;
    }

    @ParameterizedTest
    @EnumSource(PaperDataset.class)
    void paperNumbersAreTheOnesPrintedInThePaper(PaperDataset d) throws IOException {
        Map<String, double[]> printed = paperTable(d.table());
        Table p = PaperScaling.paperNumbers(d);
        assertTrue(p.name().contains(d.displayName()) && p.name().contains("Table " + d.table()), p.name());
        long numbers = printed.values().stream().filter(v -> v != null).count();
        assertEquals(6 * 9 - (d == PaperDataset.AVAZU ? 2 : 0), numbers, "the parser read the whole table");
        assertEquals(numbers, p.rowCount());
        for (int i = 0; i < p.rowCount(); i++) {
            String key = p.stringColumn(ScalingGrid.MODEL).get(i) + "|" + p.stringColumn(ScalingGrid.MODE).get(i) + "|" + p.intColumn(ScalingGrid.SCALE).get(i);
            double[] ms = printed.get(key);
            assertTrue(ms != null, key + " is not a number in the paper");
            assertEquals(ms[0], p.doubleColumn(ScalingStats.MEAN_TEST_AUC).get(i), 0, key);
            assertEquals(ms[1], p.doubleColumn(ScalingStats.STD_TEST_AUC).get(i), 0, key);
            assertEquals(3, p.intColumn(ScalingStats.RUNS).get(i));
        }
    }

    @Test
    void avazuNfwfmHasNoTenfoldCell() throws IOException {
        Map<String, double[]> printed = paperTable(4);
        assertTrue(printed.containsKey("NFwFM|SE|10") && printed.get("NFwFM|SE|10") == null, "the paper prints '–' there");
        Table p = PaperScaling.paperNumbers(PaperDataset.AVAZU);
        Table nfwfm = p.where(p.stringColumn(ScalingGrid.MODEL).isEqualTo("NFwFM"));
        assertEquals(List.of(1, 2, 3, 4, 2, 3, 4), nfwfm.intColumn(ScalingGrid.SCALE).asList());
        Table t = PaperScaling.paperNumbersLayout(PaperDataset.AVAZU, List.of(ModelKind.NFWFM));
        assertEquals(List.of("NFwFM", "SE", "0.78684 ± 0.00017", "0.78757 ± 0.00020", "0.78783 ± 0.00009", "_0.78794 ± 0.00022_", "–"), row(t, 0));
        assertEquals(List.of("NFwFM", "ME", ScalingLayout.SAME_AS_SE, "0.78868 ± 0.00038", "0.78901 ± 0.00029", "**0.78932 ± 0.00035**", "–"), row(t, 1));
    }

    @ParameterizedTest
    @EnumSource(PaperDataset.class)
    void paperLayoutMarksTheHighestPrintedMeans(PaperDataset d) throws IOException {
        Map<String, double[]> printed = paperTable(d.table());
        Table t = PaperScaling.paperNumbersLayout(d, List.of());
        assertTrue(t.name().contains(d.displayName()) && t.name().contains("Table " + d.table()), t.name());
        assertEquals(List.of("model", "mode", "1×", "2×", "3×", "4×", "10×"), t.columnNames());
        assertEquals(12, t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            String model = t.stringColumn("model").get(r), mode = t.stringColumn("mode").get(r);
            double best = printed.entrySet().stream().filter(e -> e.getKey().startsWith(model + "|" + mode + "|") && e.getValue() != null)
                    .mapToDouble(e -> e.getValue()[0]).max().orElseThrow();
            String marker = mode.equals("SE") ? ScalingLayout.BEST_SE : ScalingLayout.BEST_ME;
            int marked = 0;
            for (String col : t.columnNames().subList(2, 7)) {
                String cell = t.stringColumn(col).get(r);
                double[] ms = printed.get(model + "|" + mode + "|" + col.replace("×", ""));
                if (ms == null) continue;
                boolean isBest = ms[0] == best;
                assertEquals(isBest, cell.startsWith(marker) && cell.endsWith(marker), model + " " + mode + " " + col + ": " + cell);
                if (isBest) marked++;
            }
            assertTrue(marked >= 1, model + " " + mode + ": a best cell is marked");
        }
        assertEquals(ScalingLayout.SAME_AS_SE, t.stringColumn("1×").get(1));
    }

    @Test
    void paperLayoutKeepsThePapersModelOrderForTheChosenModels() {
        Table t = PaperScaling.paperNumbersLayout(PaperDataset.AVAZU, List.of(ModelKind.DCNV2, ModelKind.DNN));
        assertEquals(List.of("DNN", "DNN", "DCNv2", "DCNv2"), t.stringColumn("model").asList());
        // Table 4 by hand: DNN's best SE is 2× (0.78759), its best ME 10× (0.78884)
        assertEquals(List.of("DNN", "SE", "0.78744 ± 0.00008", "_0.78759 ± 0.00011_", "0.78752 ± 0.00031", "0.78728 ± 0.00036", "0.78648 ± 0.00013"), row(t, 0));
        assertEquals("**0.78884 ± 0.00005**", t.stringColumn("10×").get(1));
    }

    @Test
    void rejectsGridsWithoutTheBase() {
        assertThrows(IllegalArgumentException.class, () -> new ScalingGrid(List.of(ModelKind.DNN), List.of(2, 4), List.of(0L), TrainConfig.paper()));
        assertThrows(IllegalArgumentException.class, () -> new ScalingGrid(List.of(ModelKind.FM), List.of(1, 2), List.of(0L), TrainConfig.paper()));
    }
}
