package org.collapselab.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.collapselab.analysis.FieldIA;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The paper's figures as XChart charts. Each factory takes analysis results or plain series and returns a chart
 * (or a {@link Figure} when several panels belong together); {@code Figure.of(chart).save(dir, name)} writes PNG
 * and SVG, and the notebook package shows either inline.
 */
public final class Plots {
    private static final int WIDTH = 720, HEIGHT = 420, MAX_LEGEND = 12;

    private Plots() {}

    private static XYChart xy(String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    /**
     * Fig. 1b: the normalised singular values σ_k/σ_1 of each field's table against k, for the given fields (all
     * when empty). A collapsed table drops steeply after its first few values.
     */
    public static XYChart spectra(FieldIA ia, List<String> fields) {
        List<String> chosen = fields.isEmpty() ? ia.fields() : fields;
        XYChart c = xy("Normalised singular values per field (K = " + ia.k() + ")", "k", "σ_k / σ_1");
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setXAxisDecimalPattern("#");
        c.getStyler().setLegendVisible(chosen.size() <= MAX_LEGEND);
        for (String f : chosen) {
            double[] v = ia.spectrum(f).normalized();
            double[] x = new double[v.length];
            for (int k = 0; k < v.length; k++) x[k] = k + 1;
            c.addSeries(f, x, v).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    /** Fig. 2: IA per field of a learned table next to a random one of the same shape, fields sorted by cardinality. */
    public static CategoryChart iaVersusRandom(FieldIA learned, FieldIA random) {
        if (!learned.fields().equals(random.fields()))
            throw new IllegalArgumentException("learned and random tables have different fields: " + learned.fields() + " vs " + random.fields());
        Integer[] order = byCardinality(learned.cardinalities());
        List<String> names = new ArrayList<>();
        List<Double> a = new ArrayList<>(), b = new ArrayList<>();
        for (int i : order) {
            names.add(learned.fields().get(i));
            a.add(learned.ia()[i]);
            b.add(random.ia()[i]);
        }
        CategoryChart c = new CategoryChartBuilder().width(Math.max(WIDTH, 22 * names.size() + 200)).height(HEIGHT)
                .title("Information abundance per field (K = " + learned.k() + "), fields by cardinality")
                .xAxisTitle("field").yAxisTitle("IA").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisLabelRotation(90);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.addSeries("random init", names, b);
        c.addSeries("learned", names, a);
        return c;
    }

    /**
     * Figs. 9a and 9b: IA per field for several tables side by side (SE vs ME, or one bar per embedding set), fields
     * sorted by cardinality (ascending, ties in the given order). {@code series} maps a legend entry to one IA per field.
     */
    public static CategoryChart iaPerField(String title, List<String> fields, int[] cardinalities, java.util.Map<String, double[]> series) {
        return perField(title, "IA", fields, cardinalities, series);
    }

    /** Any measure per field for several tables side by side, fields sorted by cardinality, as {@link #iaPerField}. */
    public static CategoryChart perField(String title, String yLabel, List<String> fields, int[] cardinalities, java.util.Map<String, double[]> series) {
        if (fields.size() != cardinalities.length)
            throw new IllegalArgumentException("'" + title + "': " + fields.size() + " fields but " + cardinalities.length + " cardinalities");
        series.forEach((name, v) -> {
            if (v.length != fields.size()) throw new IllegalArgumentException("'" + title + "': series '" + name + "' has " + v.length + " values for " + fields.size() + " fields");
        });
        Integer[] order = byCardinality(cardinalities);
        List<String> names = new ArrayList<>();
        for (int i : order) names.add(fields.get(i));
        CategoryChart c = new CategoryChartBuilder().width(Math.max(WIDTH, 22 * names.size() + 200)).height(HEIGHT).title(title)
                .xAxisTitle("field (by cardinality)").yAxisTitle(yLabel).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisLabelRotation(90);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        series.forEach((name, v) -> {
            List<Double> ys = new ArrayList<>();
            for (int i : order) ys.add(v[i]);
            c.addSeries(name, names, ys);
        });
        return c;
    }

    /** Field indices in ascending cardinality, ties in the given order (the sort is stable). */
    private static Integer[] byCardinality(int[] cardinalities) {
        Integer[] order = new Integer[cardinalities.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> cardinalities[i]));
        return order;
    }

    /**
     * Figs. 3 and 9c: a heatmap of {@code m[i][j]} (row i, column j) with, beside it, its sums over j (one per i)
     * and over i (one per j).
     */
    public static Figure heatmapWithSums(String title, double[][] m, List<String> rowLabels, List<String> columnLabels,
                                         String rowAxis, String columnAxis) {
        int n = m.length;
        if (n == 0 || rowLabels.size() != n) throw new IllegalArgumentException("heatmap '" + title + "': " + n + " rows but " + rowLabels.size() + " row labels");
        int p = m[0].length;
        for (double[] row : m) if (row.length != p) throw new IllegalArgumentException("heatmap '" + title + "': ragged matrix");
        if (columnLabels.size() != p) throw new IllegalArgumentException("heatmap '" + title + "': " + p + " columns but " + columnLabels.size() + " labels");
        HeatMapChart h = new HeatMapChartBuilder().width(WIDTH).height(WIDTH - 60).title(title).xAxisTitle(columnAxis).yAxisTitle(rowAxis).build();
        h.getStyler().setChartBackgroundColor(Color.WHITE);
        h.getStyler().setShowValue(false);
        h.getStyler().setXAxisLabelRotation(90);
        h.getStyler().setRangeColors(new Color[]{new Color(49, 54, 149), new Color(116, 173, 209), new Color(255, 255, 191),
                new Color(244, 109, 67), new Color(165, 0, 38)});
        List<Number[]> cells = new ArrayList<>();
        double[] rowSums = new double[n], colSums = new double[p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) {
                cells.add(new Number[]{j, i, m[i][j]});
                rowSums[i] += m[i][j];
                colSums[j] += m[i][j];
            }
        h.addSeries(title, columnLabels, rowLabels, cells);
        return Figure.grid(3, List.of(h, sums("Σ over " + columnAxis + " (per " + rowAxis + ")", rowLabels, rowSums),
                sums("Σ over " + rowAxis + " (per " + columnAxis + ")", columnLabels, colSums)));
    }

    private static CategoryChart sums(String title, List<String> labels, double[] values) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH / 2 + 60).height(WIDTH - 60).title(title).build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(90);
        c.addSeries(title, labels, Arrays.stream(values).boxed().toList());
        return c;
    }

    /**
     * Figs. 1a and 8: a metric (test AUC, say) against the scale factor, one line per model variant, with ±1 std
     * error bars when the series carry them.
     */
    public static XYChart scaling(String title, String metric, List<Series> series) {
        XYChart c = xy(title, "scale factor (× base embedding size)", metric);
        c.getStyler().setXAxisDecimalPattern("#");
        for (Series s : series) {
            XYSeries xs = s.error() == null ? c.addSeries(s.name(), s.x(), s.y()) : c.addSeries(s.name(), s.x(), s.y(), s.error());
            xs.setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    /** Training dynamics: one value per epoch for each series (training loss, validation AUC, ...). */
    public static XYChart perEpoch(String title, String yLabel, List<Series> series) {
        XYChart c = xy(title, "epoch", yLabel);
        c.getStyler().setXAxisDecimalPattern("#");
        c.getStyler().setLegendVisible(series.size() <= MAX_LEGEND);
        for (Series s : series) c.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
        return c;
    }

    /**
     * Plain lines of y against x, one per series, no markers (dense curves such as Fig. 4's IA per training
     * iteration).
     */
    public static XYChart lines(String title, String xLabel, String yLabel, List<Series> series) {
        XYChart c = xy(title, xLabel, yLabel);
        c.getStyler().setLegendVisible(series.size() <= MAX_LEGEND);
        for (Series s : series) c.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.NONE);
        return c;
    }

    /** IA of each field over epochs: {@code ia[e][f]} is field f's IA after epoch e + 1. */
    public static XYChart iaOverEpochs(String title, List<String> fields, double[][] ia) {
        List<Series> s = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            double[] y = new double[ia.length];
            for (int e = 0; e < ia.length; e++) {
                if (ia[e].length != fields.size())
                    throw new IllegalArgumentException("epoch " + (e + 1) + " has " + ia[e].length + " IA values for " + fields.size() + " fields");
                y[e] = ia[e][f];
            }
            s.add(Series.perEpoch(fields.get(f), y));
        }
        return perEpoch(title, "information abundance", s);
    }
}
