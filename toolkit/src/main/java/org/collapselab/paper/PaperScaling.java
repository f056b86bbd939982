package org.collapselab.paper;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.model.ModelKind;
import tech.tablesaw.api.Table;

/**
 * The paper's scaling results (Tables 1, 3, 4) from the resource {@value #PAPER_RESOURCE}, which says where its
 * numbers come from, as {@link ScalingStats#summary}'s AUC columns and in Table 1's layout.
 */
public final class PaperScaling {
    private PaperScaling() {}

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
                .selectColumns(ScalingGrid.MODEL, ScalingGrid.MODE, ScalingGrid.SCALE, ScalingStats.RUNS, ScalingStats.MEAN_TEST_AUC, ScalingStats.STD_TEST_AUC);
        t.setName(paperTitle(dataset) + " (Table " + dataset.table() + ", Appendix C.3: mean ± std over " + PAPER_RUNS + " runs)");
        return t;
    }

    /** The resource's table, its {@code #} provenance lines left out. */
    static Table paperResource() {
        try (var in = PaperScaling.class.getResourceAsStream(PAPER_RESOURCE)) {
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
     * {@link #paperNumbers} in Table 1's layout ({@link ScalingLayout#paperLayout}'s, markers recomputed from the printed means),
     * for the given models in the paper's order, or all six when none are given.
     */
    public static Table paperNumbersLayout(PaperDataset dataset, List<ModelKind> only) {
        List<String> names = only.stream().map(ModelKind::displayName).toList();
        List<String> models = Arrays.stream(PAPER_MODELS).filter(m -> names.isEmpty() || names.contains(m)).toList();
        return ScalingLayout.layout(paperTitle(dataset), "Table 1 / Table " + dataset.table() + ", mean ± std over " + PAPER_RUNS
                + " runs; markers recomputed from the printed means", paperNumbers(dataset), models, Arrays.stream(PAPER_SCALES).boxed().toList());
    }

    private static String paperTitle(PaperDataset dataset) {
        return "the paper's " + dataset.displayName() + " test AUC";
    }
}
