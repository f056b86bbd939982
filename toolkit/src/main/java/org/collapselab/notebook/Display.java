package org.collapselab.notebook;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.function.Consumer;
import org.collapselab.plot.Figure;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * Shows results in the notebook the code runs in, or as plain text anywhere else.
 *
 * <p>In a Jupyter kernel the toolkit recognises (rapaio-jupyter-kernel), XChart charts appear as PNG
 * images, Tablesaw tables as HTML and {@link #markdown} as rendered Markdown. Elsewhere (tests, a main
 * method, another kernel) tables print as text and charts are saved to a temporary PNG whose path is
 * printed. Showing never throws: a failing display prints why and carries on.
 *
 * <p>In other Java kernels (IJava, JJava), {@link #image(Chart)} as a cell's last expression renders
 * the chart inline too.
 */
public final class Display {
    /** Rows of a table shown; the rest is summarised in one line. */
    public static final int MAX_TABLE_ROWS = 100;

    private static volatile Frontend frontend;

    private Display() {}

    /**
     * Shows {@code value}: a chart or a {@link Figure} as an image, a table as a table, a {@link BufferedImage} as an image,
     * a collapse report as its page, anything else (null included) as its text.
     */
    public static void show(Object value) {
        show(value, frontend());
    }

    /** Shows HTML (printed as its source outside a notebook). */
    public static void html(String html) {
        guard(frontend(), f -> f.html(String.valueOf(html)));
    }

    /** Shows Markdown (printed as its source outside a notebook). */
    public static void markdown(String markdown) {
        guard(frontend(), f -> f.markdown(String.valueOf(markdown)));
    }

    /** The chart drawn into an image at its own size; works as a cell's last expression in any Java kernel. */
    public static BufferedImage image(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The chart as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG: " + e.getMessage(), e);
        }
    }

    /** Whether output renders in a notebook (true) or prints as text (false). */
    public static boolean inNotebook() {
        return frontend().rich();
    }

    /** What output goes to: {@code rapaio-jupyter-kernel} or {@code console}. */
    public static String target() {
        return frontend().name();
    }

    static Frontend frontend() {
        Frontend f = frontend;
        if (f == null) {
            synchronized (Display.class) {
                if (frontend == null) frontend = RapaioFrontend.detect().orElseGet(ConsoleFrontend::stdout);
                f = frontend;
            }
        }
        return f;
    }

    static void show(Object value, Frontend f) {
        guard(f, out -> {
            if (value instanceof Chart<?, ?> chart) out.image(image(chart), chartLabel(chart));
            else if (value instanceof Figure fig) out.image(fig.toImage(), chartLabel(fig.charts().get(0)));
            else if (value instanceof BufferedImage img) out.image(img, "image");
            else if (value instanceof Table table) showTable(table, out);
            else if (value instanceof org.collapselab.report.ModelReport report) out.html(report.fragment());
            else out.text(String.valueOf(value));
        });
    }

    /** The HTML of at most {@code maxRows} rows of {@code table}, with a note on what was left out. */
    static String tableHtml(Table table, int maxRows) {
        StringWriter w = new StringWriter();
        new HtmlWriter().write(table.first(maxRows), HtmlWriteOptions.builder(w).build());
        String caption = "<p><b>" + escape(table.name() == null ? "" : table.name()) + "</b> "
                + table.rowCount() + " rows &times; " + table.columnCount() + " columns"
                + (table.rowCount() > maxRows ? ", first " + maxRows + " shown" : "") + "</p>";
        return caption + w;
    }

    /**
     * A copy of {@code table} formatted for people: columns of AUC or log loss with 4 decimals, of IA and the other
     * collapse measures ({@code FieldMeasures.table()}'s columns) with at most 3, of seconds with 1.
     * Only the printing changes; the values stay exact.
     */
    private static final java.util.Set<String> MEASURE_COLUMNS = org.collapselab.analysis.CollapseMeasure.standard().stream()
            .flatMap(m -> java.util.stream.Stream.of(m.name(), m.name() + "_random")).collect(java.util.stream.Collectors.toSet());

    static Table forPeople(Table table) {
        Table t = table.copy();
        for (var c : t.columns())
            if (c instanceof tech.tablesaw.api.DoubleColumn d) {
                String n = d.name().toLowerCase(Locale.ROOT);
                // AUC and log loss keep their trailing zeros (0.7100 reads as 4 decimals); IA shows at most 3
                String pattern = n.contains("auc") || n.contains("logloss") || n.contains("log loss") ? "0.0000"
                        : d.name().matches(".*\\bIA\\b.*") || MEASURE_COLUMNS.contains(n) ? "0.###" : n.contains("seconds") ? "0.0" : null;
                if (pattern != null)
                    d.setPrintFormatter(new tech.tablesaw.columns.numbers.NumberColumnFormatter(
                            new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))));
            }
        return t;
    }

    private static void showTable(Table raw, Frontend out) {
        Table table = forPeople(raw);
        if (out.rich()) {
            out.html(tableHtml(table, MAX_TABLE_ROWS));
        } else {
            String more = table.rowCount() > MAX_TABLE_ROWS
                    ? String.format(Locale.ROOT, "%n(%d rows, %d shown)", table.rowCount(), MAX_TABLE_ROWS) : "";
            out.text(table.print(MAX_TABLE_ROWS) + more);
        }
    }

    private static String chartLabel(Chart<?, ?> chart) {
        String title = chart.getTitle();
        return title == null || title.isBlank() ? "chart" : "chart '" + title + "'";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // Display is for people looking at results: a failure to show must not abort the computation behind it.
    private static void guard(Frontend f, Consumer<Frontend> action) {
        try {
            action.accept(f);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("[display via " + f.name() + " failed: " + e + "]");
        }
    }
}
