package org.collapselab.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.collapselab.analysis.CollapseMeasure;
import org.collapselab.analysis.CollapseReport;
import org.collapselab.analysis.FieldMeasures;
import org.collapselab.analysis.NumericalRank;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.io.AtomicFiles;
import org.collapselab.io.MatrixFile;
import org.collapselab.io.Sha256;
import org.collapselab.io.TensorFile;
import org.collapselab.io.TensorInfo;
import org.collapselab.plot.Figure;
import org.collapselab.plot.Plots;
import org.collapselab.run.KeptWeights;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunStore;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * The collapse report of one trained model's file: which tables were read (keys, dtypes, shapes, the file's SHA-256),
 * their fields, and every {@link CollapseMeasure} per field and set beside a random table of the same shape, as one
 * self-contained {@code report.html} (tables rounded for people, spectra and IA-versus-random charts inline) and a
 * {@code measures.csv} of the exact values. A notebook shows it as its page.
 *
 * <pre>{@code
 * ModelReport r = ModelReport.builder(Path.of("dcnv2.pt")).fields(FieldSource.parse("feature_map.json")).build();
 * r.summary();                   // field, set, rows, ia, effective_rank, stable_rank, numerical_rank, alpha, ia_random, ...
 * r.write(Path.of("report"));    // report/report.html, report/measures.csv
 * }</pre>
 *
 * @param file      the file read
 * @param format    its format, as told from its content
 * @param sha256    the file's SHA-256
 * @param bytes     its size
 * @param tensors   the tensors analysed (one per set), as the file describes them
 * @param fields    where the fields came from
 * @param report    the tables, fields and spectrum options
 * @param seed      the random baseline's seed
 * @param perSet    the measures per set
 */
public record ModelReport(Path file, String format, String sha256, long bytes, List<TensorInfo> tensors, FieldSource fields, CollapseReport report,
                          long seed, List<FieldMeasures> perSet) {
    public ModelReport {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(report, "report");
        tensors = List.copyOf(tensors);
        perSet = List.copyOf(perSet);
        if (tensors.size() != report.tables().size() || perSet.size() != report.tables().size())
            throw new IllegalArgumentException(tensors.size() + " tensors, " + report.tables().size() + " tables and " + perSet.size() + " measured sets");
    }

    /** A report of {@code file}: a model's file ({@link TensorFile}'s formats) or a run of the store ({@code STORE/ID.run}). */
    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** How a report is made; every option has a default. */
    public static final class Builder {
        private final Path file;
        private String key;
        private FieldSource fields;
        private SpectrumOptions options = SpectrumOptions.DEFAULT;
        private long seed;
        private double tolerance = NumericalRank.DEFAULT_TOLERANCE;
        private Consumer<String> progress = line -> {};

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** The tensor's key, or a pattern picking several of one shape (the sets); default: {@link TensorFile#select}'s choice. */
        public Builder key(String keyOrPattern) {
            this.key = keyOrPattern;
            return this;
        }

        /** The fields of the table; default: the whole table is one field. */
        public Builder fields(FieldSource fields) {
            this.fields = fields;
            return this;
        }

        /** Rows as they are (Definition 1 as written) instead of scaled to unit length (the paper's figures). */
        public Builder raw(boolean raw) {
            this.options = raw ? SpectrumOptions.RAW : SpectrumOptions.DEFAULT;
            return this;
        }

        /** The random baseline's seed (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The numerical rank's relative tolerance (default {@link NumericalRank#DEFAULT_TOLERANCE}). */
        public Builder tolerance(double tolerance) {
            CollapseMeasure.standard(tolerance);    // refused here, before any reading, when out of range
            this.tolerance = tolerance;
            return this;
        }

        /** Hears a line as each step ends (reading, decoding, each set's spectra): large tables take a while. */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public ModelReport build() {
            long t0 = System.nanoTime();
            String sha;
            long bytes;
            try {
                bytes = Files.size(file);
                sha = Sha256.hex(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalArgumentException(file + ": no such file", e);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
            }
            List<MatrixFile> tables = new ArrayList<>();
            List<TensorInfo> infos = new ArrayList<>();
            String format;
            FieldSource fieldSource = fields;
            java.util.Optional<String> runId = RunStore.idOf(file);
            if (runId.isPresent()) {
                if (key != null) throw new IllegalArgumentException(file + ": a run of the store has its own tables; --key does not apply");
                if (fields != null) throw new IllegalArgumentException(file + ": a run of the store has its own fields; --fields does not apply");
                RunStore store = new RunStore(file.toAbsolutePath().getParent());
                RunRecord run = store.find(runId.get()).orElseThrow(() -> new IllegalArgumentException(file + ": not a verified run of the store (damaged, "
                        + "or of another format: see the warning above)"));
                KeptWeights w = store.weights(run);
                for (int m = 0; m < w.sets(); m++) {
                    MatrixFile t = new MatrixFile(org.collapselab.nn.Floats.of(w.table(m)), w.rows(), w.width() / w.sets(), file + " set " + m);
                    tables.add(t);
                    infos.add(new TensorInfo("set" + m, "float32", new long[]{t.rows(), t.cols()}));
                }
                fieldSource = new FieldSource(w.schema(), "the run's schema (" + run.description() + ")");
                format = "run of the store";
            } else {
                TensorFile tf = TensorFile.open(file);
                format = tf.format();
                progress.accept(String.format(Locale.ROOT, "read %s (%s, %.1f MB, %d tensors) in %.1f s", file, format, bytes / 1e6, tf.tensors().size(),
                        (System.nanoTime() - t0) / 1e9));
                for (String k : tf.select(key)) {
                    tables.add(tf.matrix(k));
                    infos.add(tf.tensors().stream().filter(t -> t.name().equals(k)).findFirst().orElseThrow());
                }
                if (fieldSource == null) {
                    int rows = tables.get(0).rows();
                    fieldSource = new FieldSource(org.collapselab.data.Schema.categorical(List.of("table"), rows), "none given: the whole table is one field");
                }
            }
            progress.accept(String.format(Locale.ROOT, "tables: %s; fields: %s", String.join(", ", infos.stream().map(TensorInfo::toString).toList()),
                    fieldSource.origin()));
            CollapseReport report = new CollapseReport(tables, infos.stream().map(TensorInfo::name).toList(), fieldSource.schema(), options);
            List<FieldMeasures> perSet = report.measuresPerSet(CollapseMeasure.standard(tolerance), seed, progress);
            return new ModelReport(file, format, sha, bytes, infos, fieldSource, report, seed, perSet);
        }
    }

    /** One row per field of each set: {@code field, set, rows}, the measures, then their random values ({@code NAME_random}). */
    public Table summary() {
        return report.summary(perSet);
    }

    /** Writes {@code dir/report.html} and {@code dir/measures.csv} (atomically; the folder is made); returns the page's path. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the report folder " + dir + ": " + e.getMessage(), e);
        }
        Table summary = summary();
        AtomicFiles.write(dir.resolve("measures.csv"), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            summary.write().csv(CsvWriteOptions.builder(w).build());
            w.flush();
        });
        byte[] page = html().getBytes(StandardCharsets.UTF_8);
        return AtomicFiles.write(dir.resolve("report.html"), out -> out.write(page));
    }

    /** The toolkit's version, as its build stamped it. */
    public static String toolkitVersion() {
        try (InputStream in = ModelReport.class.getResourceAsStream("/org/collapselab/version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A whole HTML page: {@link #fragment()} with a title. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Collapse report: " + esc(file.getFileName().toString())
                + "</title></head>\n<body>\n" + fragment() + "</body></html>\n";
    }

    /** The report as an HTML fragment with its own scoped style (what a notebook shows). */
    public String fragment() {
        StringBuilder h = new StringBuilder();
        h.append("<div class=\"collapselab-report\">\n<style>")
                .append(".collapselab-report{font-family:sans-serif;max-width:1100px;color:#222}")
                .append(".collapselab-report table{border-collapse:collapse;margin:.5em 0 1.5em}")
                .append(".collapselab-report th,.collapselab-report td{border:1px solid #ccc;padding:3px 8px;font-size:13px}")
                .append(".collapselab-report td.n{text-align:right;font-variant-numeric:tabular-nums}")
                .append(".collapselab-report th{background:#f2f2f2}.collapselab-report figure{display:inline-block;margin:0 1em 1em 0}")
                .append(".collapselab-report code{font-size:12px}</style>\n");
        MatrixFile first = report.tables().get(0);
        h.append("<h1>Collapse report</h1>\n<p><code>").append(esc(file.toString())).append("</code>: ").append(report.tables().size())
                .append(report.tables().size() == 1 ? " table" : " tables (sets)").append(" of ").append(String.format(Locale.ROOT, "%,d", first.rows())).append(" × ").append(first.cols())
                .append(", ").append(report.schema().size()).append(report.schema().size() == 1 ? " field" : " fields").append("; ")
                .append(report.options().rows() == SpectrumOptions.RowScaling.UNIT_NORM ? "rows scaled to unit length (the paper's figures)"
                        : "raw rows (Definition 1 as written)").append(".</p>\n");

        h.append("<h2>Inputs</h2>\n<table id=\"inputs\">");
        row(h, "file", "<code>" + esc(file.toAbsolutePath().toString()) + "</code>");
        row(h, "format", esc(format));
        row(h, "size", String.format(Locale.ROOT, "%,d bytes", bytes));
        row(h, "SHA-256", "<code>" + sha256 + "</code>");
        for (int s = 0; s < tensors.size(); s++)
            row(h, tensors.size() == 1 ? "table" : "set " + (s + 1), "<code>" + esc(tensors.get(s).toString()) + "</code> (" + esc(report.tables().get(s).layout()) + ")");
        row(h, "fields", esc(fields.origin()));
        row(h, "random baseline", "Xavier-uniform table of each field's shape, seed " + seed);
        row(h, "toolkit", "Collapse Lab " + esc(toolkitVersion()));
        h.append("</table>\n");

        h.append("<h2>Measures per field</h2>\n").append(measuresHtml());
        h.append("<p>Exact values: <code>measures.csv</code>. <code>_random</code>: the same measure of the random table.</p>\n");
        h.append("<h2>What the measures mean</h2>\n").append(tableHtml(FieldMeasures.definitions(perSet.get(0).measures()), "definitions"));

        h.append("<h2>Spectra and IA against random</h2>\n");
        for (int s = 0; s < perSet.size(); s++) {
            String set = report.setNames().get(s);
            h.append(figure(Figure.of(Plots.spectra(perSet.get(s).learned(), List.of())), "Normalised singular values per field: " + set));
            h.append(figure(Figure.of(Plots.iaVersusRandom(perSet.get(s).learned(), perSet.get(s).random())), "IA per field against random: " + set));
        }
        return h.append("</div>\n").toString();
    }

    /** The measures with each one's random value beside it (two header rows: the measure over "learned" and "random"). */
    private String measuresHtml() {
        Table t = summary();
        List<CollapseMeasure> measures = perSet.get(0).measures();
        boolean sets = perSet.size() > 1;    // one set: its key is in the inputs above, not on every row
        StringBuilder h = new StringBuilder("<table id=\"measures\"><thead><tr><th rowspan=\"2\">field</th>" + (sets ? "<th rowspan=\"2\">set</th>" : "")
                + "<th rowspan=\"2\">rows</th>");
        for (CollapseMeasure m : measures) h.append("<th colspan=\"2\">").append(esc(m.name())).append("</th>");
        h.append("</tr><tr>");
        for (int i = 0; i < measures.size(); i++) h.append("<th>learned</th><th>random</th>");
        h.append("</tr></thead><tbody>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            h.append("<tr><td>").append(esc(t.stringColumn("field").get(r))).append("</td>");
            if (sets) h.append("<td>").append(esc(t.stringColumn("set").get(r))).append("</td>");
            h.append("<td class=\"n\">").append(rounded("rows", t.intColumn("rows").get(r))).append("</td>");
            for (CollapseMeasure m : measures)
                for (String c : List.of(m.name(), m.name() + "_random"))
                    h.append("<td class=\"n\">").append(rounded(c, t.doubleColumn(c).get(r))).append("</td>");
            h.append("</tr>\n");
        }
        return h.append("</tbody></table>\n").toString();
    }

    /** Rounded for people: counts as integers, measures with three decimals, NaN as a dash. */
    static String rounded(String column, double v) {
        if (Double.isNaN(v)) return "–";
        if (column.equals("rows") || column.startsWith("numerical_rank")) return String.format(Locale.ROOT, "%,d", Math.round(v));
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A plain table, written by Tablesaw (its cells escaped), inside an element {@code id}. */
    private static String tableHtml(Table t, String id) {
        java.io.StringWriter w = new java.io.StringWriter();
        new tech.tablesaw.io.html.HtmlWriter().write(t, tech.tablesaw.io.html.HtmlWriteOptions.builder(w).build());
        return "<div id=\"" + id + "\">" + w + "</div>\n";
    }

    private static String figure(Figure f, String caption) {
        BufferedImage img = f.toImage();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart '" + caption + "' as PNG", e);
        }
        return "<figure><img alt=\"" + esc(caption) + "\" width=\"" + img.getWidth() + "\" height=\"" + img.getHeight() + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"><figcaption>" + esc(caption) + "</figcaption></figure>\n";
    }

    private static void row(StringBuilder h, String name, String valueHtml) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** One line: the file, its tables and fields. */
    @Override
    public String toString() {
        return "ModelReport[" + file + ": " + tensors + ", " + report.schema().size() + " fields (" + fields.origin() + ")]";
    }
}
