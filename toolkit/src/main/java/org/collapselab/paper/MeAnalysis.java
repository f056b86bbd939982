package org.collapselab.paper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.Schema;
import org.collapselab.model.CtrModel;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.claim.Claim;
import tech.tablesaw.api.Table;
import org.collapselab.run.Recipe;
import org.collapselab.run.RunMeasures;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.train.TrainConfig;

/**
 * Fig. 9: why multi-embedding scales, on DCNv2. (a) IA per field of SE and ME at the largest scale (ME's sets side by
 * side, {@link CtrModel#concatenatedTables()}); (b) IA per field of each ME set on its own; (c) the interaction
 * pattern of each set, {@code ||W^(m)_{i→j}||_F} from the first cross layer; (d) the ablation that restricts the
 * divergence of those norms across sets ({@link ModelSpec.Builder#restrictDivergence()}), against plain ME, at every
 * scale ≥ 2.
 *
 * <p>The models trained: SE at the base (1×) and at the largest scale, and ME and divergence-restricted ME at every
 * scale ≥ 2. Each is one run of the {@link RunStore} ({@link RunRecord} holds the per-set IA and cross norms).
 * This class names the runs and gives them as a {@link Result}; {@link SetPatterns} has the maths,
 * {@link MeAnalysisTables} the tables and curves, {@link MeAnalysisClaims} the claims.
 *
 * @param scales the scale factors, ascending, starting at 1 (the largest is the one analysed in a–c)
 * @param seed   the seed of every model
 * @param config training settings (its seed is replaced by {@code seed})
 */
public record MeAnalysis(List<Integer> scales, long seed, TrainConfig config) implements Recipe<MeAnalysis.Result> {
    public MeAnalysis {
        Objects.requireNonNull(config, "config");
        scales = List.copyOf(scales);
        if (scales.size() < 2 || scales.get(0) != 1)
            throw new IllegalArgumentException("scales must start with 1 and include a larger one, got " + scales);
        for (int i = 1; i < scales.size(); i++)
            if (scales.get(i) <= scales.get(i - 1)) throw new IllegalArgumentException("scales must be ascending without repeats, got " + scales);
    }

    /** The largest scale: the one Fig. 9a–c looks at (10× in the paper). */
    public int largest() {
        return scales.get(scales.size() - 1);
    }

    public ModelSpec base() {
        return ModelSpec.of(ModelKind.DCNV2);
    }

    public ModelSpec se(int n) {
        return base().scale(n, EmbeddingMode.SINGLE);
    }

    public ModelSpec me(int n) {
        return base().scale(n, EmbeddingMode.MULTI);
    }

    /** ME with Fig. 9d's divergence restriction (n ≥ 2). */
    public ModelSpec restricted(int n) {
        return me(n).toBuilder().restrictDivergence().build();
    }

    /** The models trained, in order: SE 1×, SE at the largest scale, then ME and restricted ME per scale ≥ 2. */
    public List<ModelSpec> specs() {
        List<ModelSpec> s = new ArrayList<>(List.of(se(1), se(largest())));
        for (int n : scales)
            if (n >= 2) {
                s.add(me(n));
                s.add(restricted(n));
            }
        return s;
    }

    /** The run of every model of {@link #specs()}, with this recipe's seed. */
    @Override
    public List<RunRequest> requests(EncodedDataset data) {
        return specs().stream().map(spec -> RunRequest.of(spec, config, seed, data)).toList();
    }

    /** The runs by spec, with what Fig. 9 measures of their kept weights ({@link RunMeasures}). */
    @Override
    public Result result(EncodedDataset data, List<RunRecord> records, RunStore store) {
        Map<ModelSpec, Measured> runs = new LinkedHashMap<>();
        for (RunRecord r : records)
            runs.put(r.spec(), new Measured(r, store.measure(r, RunMeasures.FIELD_IA).ia(), store.measure(r, RunMeasures.SET_IA),
                    store.measure(r, RunMeasures.CROSS_NORMS)));
        return new Result(this, data.schema(), runs);
    }

    /**
     * One run and its measures.
     *
     * @param ia         IA per field of the whole table (ME: the sets side by side)
     * @param setIa      {@code [m][f]}: IA of field f in set m's table
     * @param crossNorms per set, ||W_{i→j}||_F of the first cross layer
     */
    record Measured(RunRecord run, double[] ia, double[][] setIa, List<double[][]> crossNorms) {}

    /** The runs of every model of the recipe, by spec. */
    public static final class Result implements PaperResult {
        private final MeAnalysis recipe;
        private final Schema schema;
        private final Map<ModelSpec, Measured> runs;

        Result(MeAnalysis recipe, Schema schema, Map<ModelSpec, Measured> runs) {
            this.recipe = recipe;
            this.schema = schema;
            this.runs = Map.copyOf(runs);
        }

        public Schema schema() {
            return schema;
        }

        public List<String> fields() {
            return schema.names();
        }

        public MeAnalysis recipe() {
            return recipe;
        }

        private Measured measured(ModelSpec spec) {
            Measured m = runs.get(spec);
            if (m == null) throw new IllegalArgumentException("no run of " + spec.label() + "; this analysis has " + recipe.specs());
            return m;
        }

        /** The run of {@code spec}: its metrics and predictions. */
        public RunRecord run(ModelSpec spec) {
            return measured(spec).run();
        }

        /** IA per field (schema order) of the model's whole table (ME: the sets side by side). */
        public double[] ia(ModelSpec spec) {
            return measured(spec).ia().clone();
        }

        /** IA per field (schema order) of set {@code m}'s table. */
        public double[] setIa(ModelSpec spec, int m) {
            return measured(spec).setIa()[m].clone();
        }

        /** ||W^(m)_{i→j}||_F of the first cross layer of set {@code m}: row i, column j. */
        public double[][] crossNorms(ModelSpec spec, int m) {
            return java.util.Arrays.stream(measured(spec).crossNorms().get(m)).map(double[]::clone).toArray(double[][]::new);
        }

        /** {@link MeAnalysisTables#models}: one row per model. */
        @Override
        public Table table() {
            return MeAnalysisTables.models(this);
        }

        /** Fig. 9a to 9d's claims ({@link MeAnalysisClaims}). */
        @Override
        public List<Claim> claims() {
            return List.of(MeAnalysisClaims.meHasHigherIa(this), MeAnalysisClaims.setsVaryInIa(this), MeAnalysisClaims.setsLearnDifferentPatterns(this),
                    MeAnalysisClaims.restrictionTakesAwayGains(this));
        }

        public List<double[][]> crossNorms(ModelSpec spec) {
            List<double[][]> out = new java.util.ArrayList<>();
            for (int m = 0; m < measured(spec).crossNorms().size(); m++) out.add(crossNorms(spec, m));
            return out;
        }
    }
}
