package org.collapselab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Progress;
import org.collapselab.data.ToyData;
import org.collapselab.model.CtrModel;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.plot.Series;
import org.collapselab.train.EpochResult;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
        Table t = ScalingGrid.paperLayout(runs(ROWS));
        assertEquals(List.of("model", "mode", "1×", "2×"), t.columnNames());
        assertEquals(4, t.rowCount());
        // by hand: mean 0.71, deviations −0.01, 0.01, 0 → s² = 0.0002/2 → s = 0.01
        assertEquals(List.of("DNN", "SE", "_0.71000 ± 0.01000_", "0.70200 ± 0.00283"), row(t, 0));
        // ME 1× is the SE base model; 0.735 ± sqrt(2·0.005²/1) = 0.00707
        assertEquals(List.of("DNN", "ME", "(= SE)", "**0.73500 ± 0.00707**"), row(t, 1));
        assertEquals(List.of("DCNv2", "SE", "0.75000 ± 0.00000", "_0.76000 ± 0.00000_"), row(t, 2));
        assertEquals(List.of("DCNv2", "ME", "(= SE)", "**0.75500 ± 0.00000**"), row(t, 3));
    }

    @Test
    void seriesAndClaimsComeFromTheMeans() {
        Table runs = runs(ROWS);
        List<Series> s = ScalingGrid.series(runs, ModelKind.DNN);
        assertEquals(2, s.size());
        assertEquals("DNN ME", s.get(1).name());
        assertEquals(1.0, s.get(1).x()[0]);                         // ME starts at the shared base
        assertEquals(0.71, s.get(1).y()[0], 1e-12);
        assertEquals(0.735, s.get(1).y()[1], 1e-12);
        assertEquals(Math.sqrt(2 * 0.002 * 0.002), s.get(0).error()[1], 1e-12);
        Table c = ScalingGrid.claims(runs);
        assertEquals(0.702 - 0.71, c.doubleColumn("SE: largest − 1×").get(0), 1e-12);
        assertEquals("yes", c.stringColumn("SE does not scale").get(0));
        assertEquals("yes", c.stringColumn("ME improves with size").get(0));
        assertEquals("no", c.stringColumn("SE does not scale").get(1));    // DCNv2 SE gains 0.01 ≥ 0.001
        assertEquals("no", c.stringColumn("ME improves with size").get(1)); // ME 0.755 < SE 0.76
    }

    private static List<String> row(Table t, int r) {
        return t.columnNames().stream().map(n -> t.stringColumn(n).get(r)).toList();
    }

    @Test
    void aGridRunTwiceWithTheSameCacheDoesNotRetrain() {
        EncodedDataset data = ToyData.generate(30, 30, 3, 1);
        TrainConfig config = TrainConfig.builder().maxEpochs(1).patience(1).batchSize(128).progress(Progress.NONE).build();
        ScalingGrid grid = new ScalingGrid(List.of(ModelKind.DNN), List.of(1, 2), List.of(0L));
        assertEquals(3, grid.cells().size());    // SE 1×, SE 2×, ME 2× (ME 1× is SE 1×)
        AtomicInteger trainings = new AtomicInteger();
        TrainingListener counter = new TrainingListener() {
            @Override
            public void onEpoch(EpochResult r, CtrModel model) {
                if (r.epoch() == 1) trainings.incrementAndGet();
            }
        };
        ResultCache cache = new ResultCache(tmp.resolve("results"));
        Table first = grid.run(data, config, cache, counter);
        assertEquals(3, trainings.get());
        assertEquals(3, first.rowCount());
        Table second = grid.run(data, config, cache, counter);
        assertEquals(3, trainings.get(), "the second run must read every result from the cache");
        assertEquals(first.print(100), second.print(100));
        // a larger grid trains only its new cells
        new ScalingGrid(List.of(ModelKind.DNN), List.of(1, 2), List.of(0L, 1L)).run(data, config, cache, counter);
        assertEquals(6, trainings.get());
        assertEquals(EmbeddingMode.MULTI.label(), first.stringColumn(ScalingGrid.MODE).get(2));
        assertTrue(first.doubleColumn(ScalingGrid.TEST_AUC).min() > 0);
    }

    @Test
    void rejectsGridsWithoutTheBase() {
        assertThrows(IllegalArgumentException.class, () -> new ScalingGrid(List.of(ModelKind.DNN), List.of(2, 4), List.of(0L)));
        assertThrows(IllegalArgumentException.class, () -> new ScalingGrid(List.of(ModelKind.FM), List.of(1, 2), List.of(0L)));
    }
}
