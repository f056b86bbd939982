package org.collapselab.experiment;

import java.util.Objects;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.analysis.SubEmbeddingIA;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.CtrModel;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's Fig. 3 (Section 4.1, Evidence I and II): train FFM (K = 8 per sub-embedding) and single-embedding
 * DCNv2 (base, K = 10) on a dataset, then compute the IA of every sub-embedding E_{i→j}: FFM's column blocks
 * and DCNv2's first-layer projections E_i W_{i→j}ᵀ ({@link SubEmbeddingIA}). The paper's claim: for fixed i,
 * IA(E_{i→j}) increases along j when fields are sorted by the IA of their raw tables, i.e. interacting with a
 * low-IA field gives a more collapsed sub-embedding.
 *
 * <pre>{@code
 * var recipe = new InteractionCollapse(data, lab.trainConfig(), SpectrumOptions.DEFAULT);
 * Table t = lab.results().getOrCompute(recipe.provenance(), recipe::run);
 * InteractionCollapse.Result r = InteractionCollapse.result(t, recipe.options());
 * r.ffm().columnSumCorrelation();
 * }</pre>
 *
 * @param data    the dataset (its 8:1:1 split with seed 0, as the trainer does)
 * @param config  training settings (learning rate, batch, epochs, seed, ...)
 * @param options how the spectra are computed
 */
public record InteractionCollapse(EncodedDataset data, TrainConfig config, SpectrumOptions options) {
    /** FFM with the original's K = 8 per sub-embedding. */
    public static final ModelSpec FFM = ModelSpec.of(ModelKind.FFM);
    /** Single-embedding DCNv2 at its base size (K = 10). */
    public static final ModelSpec DCNV2 = ModelSpec.of(ModelKind.DCNV2);

    public InteractionCollapse {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(options, "options");
    }

    /** Row-normalised spectra, as the paper's figures. */
    public InteractionCollapse(EncodedDataset data, TrainConfig config) {
        this(data, config, SpectrumOptions.DEFAULT);
    }

    public Provenance provenance() {
        return Provenance.of("interaction-collapse").data(data).config(config).with("seed", config.seed()).spec(FFM).spec(DCNV2)
                .with("spectrum", options).build();
    }

    /**
     * Trains both models and returns the sub-embedding IA in long form: one row per used pair (i, j) and model
     * ({@link SubEmbeddingIA#longTable()}'s columns) plus the model's {@code test_AUC}.
     */
    public Table run() {
        Trainer trainer = new Trainer(config);
        Trainer.Trained ffm = trainer.train(FFM, data);
        SubEmbeddingIA f = SubEmbeddingIA.ffm(ffm.model().embeddings().table(0), data.schema(), options);
        Table out = withAuc(f.longTable(), ffm.result().testAuc());
        Trainer.Trained dcn = trainer.train(DCNV2, data);
        CtrModel m = dcn.model();
        SubEmbeddingIA d = SubEmbeddingIA.dcnv2(m.embeddings().table(0), m.crossWeight(0, 0), data.schema(), options);
        out.append(withAuc(d.longTable(), dcn.result().testAuc()));
        return out.setName("interaction collapse: IA(E_i→j) of FFM and DCNv2");
    }

    private static Table withAuc(Table t, double auc) {
        double[] v = new double[t.rowCount()];
        java.util.Arrays.fill(v, auc);
        return t.addColumns(DoubleColumn.create("test_AUC", v));
    }

    /** Both models' results and test AUCs. */
    public record Result(SubEmbeddingIA ffm, SubEmbeddingIA dcnv2, double ffmTestAuc, double dcnv2TestAuc) {
        /** Per model: test AUC, Spearman ρ of the column sums and of the row sums with raw IA, mean per-row ρ. */
        public Table summary() {
            Table t = Table.create("interaction-collapse law: rank correlations with the fields' raw IA",
                    tech.tablesaw.api.StringColumn.create("model"), DoubleColumn.create("test AUC"),
                    DoubleColumn.create("ρ(Σ_i IA(E_i→j), IA(E_j))"), DoubleColumn.create("ρ(Σ_j IA(E_i→j), IA(E_i))"),
                    DoubleColumn.create("mean over i of ρ_j(IA(E_i→j), IA(E_j))"));
            add(t, ffm, ffmTestAuc);
            add(t, dcnv2, dcnv2TestAuc);
            return t;
        }

        private static void add(Table t, SubEmbeddingIA s, double auc) {
            var r = t.appendRow();
            r.setString(0, s.model());
            r.setDouble(1, auc);
            r.setDouble(2, s.columnSumCorrelation());
            r.setDouble(3, s.rowSumCorrelation());
            r.setDouble(4, java.util.Arrays.stream(s.rowCorrelations()).filter(Double::isFinite).average().orElse(Double.NaN));
        }
    }

    /** The result of {@link #run()} (e.g. read back from the cache) as two {@link SubEmbeddingIA}. */
    public static Result result(Table longForm, SpectrumOptions options) {
        double fa = longForm.where(longForm.stringColumn("model").isEqualTo("FFM")).doubleColumn("test_AUC").get(0);
        double da = longForm.where(longForm.stringColumn("model").isEqualTo("DCNv2")).doubleColumn("test_AUC").get(0);
        return new Result(SubEmbeddingIA.fromLongTable(longForm, "FFM", options), SubEmbeddingIA.fromLongTable(longForm, "DCNv2", options), fa, da);
    }
}
