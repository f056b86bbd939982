package org.collapselab.paper;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.SubEmbeddingIA;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.InteractionClaims;
import org.collapselab.run.Recipe;
import org.collapselab.run.RunMeasures;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.train.TrainConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's Fig. 3 (Section 4.1, Evidence I and II): FFM (K = 8 per sub-embedding) and single-embedding DCNv2
 * (base, K = 10) trained on a dataset, with the IA of every sub-embedding E_{i→j}: FFM's column blocks and DCNv2's
 * first-layer projections E_i W_{i→j}ᵀ ({@link SubEmbeddingIA}, recorded by {@link RunTrainer} in each run). The
 * paper's claim: for fixed i, IA(E_{i→j}) increases along j when fields are sorted by the IA of their raw tables,
 * i.e. interacting with a low-IA field gives a more collapsed sub-embedding.
 *
 * <pre>{@code
 * InteractionCollapse.Result r = new InteractionCollapse(lab.trainConfig()).run(data, lab.runs());
 * r.ffm().columnSumCorrelation();
 * }</pre>
 *
 * @param config training settings (learning rate, batch, epochs, seed, split, ...)
 */
public record InteractionCollapse(TrainConfig config) implements Recipe<InteractionCollapse.Result> {
    /** FFM with the original's K = 8 per sub-embedding. */
    public static final ModelSpec FFM = ModelSpec.of(ModelKind.FFM);
    /** Single-embedding DCNv2 at its base size (K = 10). */
    public static final ModelSpec DCNV2 = ModelSpec.of(ModelKind.DCNV2);

    public InteractionCollapse {
        Objects.requireNonNull(config, "config");
    }

    @Override
    public List<RunRequest> requests(EncodedDataset data) {
        return List.of(RunRequest.of(FFM, config, data), RunRequest.of(DCNV2, config, data));
    }

    @Override
    public Result result(EncodedDataset data, List<RunRecord> runs, RunStore store) {
        return new Result(runs.get(0), runs.get(1), store.measure(runs.get(0), RunMeasures.SUB_EMBEDDING_IA),
                store.measure(runs.get(1), RunMeasures.SUB_EMBEDDING_IA));
    }

    /** Both models' runs, their sub-embedding IA ({@link RunMeasures#SUB_EMBEDDING_IA}) and test AUCs. */
    public record Result(RunRecord ffmRun, RunRecord dcnv2Run, SubEmbeddingIA ffm, SubEmbeddingIA dcnv2) implements PaperResult {

        public double ffmTestAuc() {
            return ffmRun.testAuc();
        }

        public double dcnv2TestAuc() {
            return dcnv2Run.testAuc();
        }

        /** Both models' sub-embedding IA in long form ({@link SubEmbeddingIA#longTable()}'s columns). */
        public Table pairs() {
            return ffm().longTable().append(dcnv2().longTable()).setName("interaction collapse: IA(E_i→j) of FFM and DCNv2");
        }

        /** {@link #summary()}. */
        @Override
        public Table table() {
            return summary();
        }

        /** Per model: test AUC, Spearman ρ of the column sums and of the row sums with raw IA, mean per-row ρ. */
        public Table summary() {
            Table t = Table.create("interaction-collapse law: rank correlations with the fields' raw IA",
                    StringColumn.create("model"), DoubleColumn.create("test AUC"),
                    DoubleColumn.create("ρ(Σ_i IA(E_i→j), IA(E_j))"), DoubleColumn.create("ρ(Σ_j IA(E_i→j), IA(E_i))"),
                    DoubleColumn.create("mean over i of ρ_j(IA(E_i→j), IA(E_j))"));
            add(t, ffm(), ffmTestAuc());
            add(t, dcnv2(), dcnv2TestAuc());
            return t;
        }

        /** Fig. 3's claim for each model ({@link InteractionClaims#increasesAlongJ}). */
        @Override
        public List<Claim> claims() {
            return List.of(InteractionClaims.increasesAlongJ(ffm()), InteractionClaims.increasesAlongJ(dcnv2()));
        }

        private static void add(Table t, SubEmbeddingIA s, double auc) {
            var r = t.appendRow();
            r.setString(0, s.model());
            r.setDouble(1, auc);
            r.setDouble(2, s.columnSumCorrelation());
            r.setDouble(3, s.rowSumCorrelation());
            r.setDouble(4, Arrays.stream(s.rowCorrelations()).filter(Double::isFinite).average().orElse(Double.NaN));
        }
    }
}
