package org.collapselab.paper;

import java.util.List;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.paper.ScalingStats.Cellstats;
import org.collapselab.train.SeedRuns;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Table 1's layout of a {@link ScalingGrid} run table (and of the paper's numbers, {@link PaperScaling}): one row per
 * model and mode, one column per scale, {@code mean ± std} cells with the best SE and ME cells marked.
 */
public final class ScalingLayout {
    private ScalingLayout() {}

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
     * Table 1's layout of {@code cells} (columns {@link ScalingGrid#MODEL}, {@link ScalingGrid#MODE}, {@link ScalingGrid#SCALE}, {@link ScalingStats#MEAN_TEST_AUC},
     * {@link ScalingStats#STD_TEST_AUC}), rows for {@code models} in that order, columns for {@code scales}; a cell {@code cells}
     * lacks is {@link #SAME_AS_SE} for ME 1× and "–" otherwise. The title is {@code subject (detail; markers)}.
     */
    static Table layout(String subject, String detail, Table cells, List<String> models, List<Integer> scales) {
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
                        if (isCell(cells, i, m, em) && cells.intColumn(ScalingGrid.SCALE).getInt(i) == n) {
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
        return cells.stringColumn(ScalingGrid.MODEL).get(row).equals(model) && cells.stringColumn(ScalingGrid.MODE).get(row).equals(mode.label());
    }

    static String scaleLabel(int n) {
        return n + "×";
    }
}
