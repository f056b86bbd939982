package org.collapselab.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.collapselab.analysis.FieldIA;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.SpectraClaims;
import org.collapselab.run.Recipe;
import org.collapselab.run.RunMeasures;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.train.TrainConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Figs. 1b and 2: one trained model's embedding tables against a random (Xavier-uniform) table of the same shape,
 * field by field: normalised singular values and information abundance. The paper's claim: the learned tables
 * have IA far below random ones (embedding collapse).
 *
 * @param spec       the model (the paper: an enlarged SE DCNv2)
 * @param config     training settings
 * @param seed       training seed
 * @param randomSeed seed of the random reference table
 */
public record SpectraExperiment(ModelSpec spec, TrainConfig config, long seed, long randomSeed) implements Recipe<SpectraExperiment.Result> {
    public SpectraExperiment {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(config, "config");
    }

    @Override
    public List<RunRequest> requests(EncodedDataset data) {
        return List.of(RunRequest.of(spec, config, seed, data));
    }

    /** The two tables from the run and a random table of the same width ({@link FieldIA#randomBaseline}). */
    @Override
    public Result result(EncodedDataset data, List<RunRecord> runs, RunStore store) {
        FieldIA learned = store.measure(runs.get(0), RunMeasures.FIELD_IA);
        return new Result(spec, learned, FieldIA.randomBaseline(data.schema(), learned.k(), randomSeed));
    }

    private static Table fieldsTable(ModelSpec spec, FieldIA learned, FieldIA random) {
        Integer[] order = new Integer[learned.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> learned.cardinalities()[i]));
        StringColumn field = StringColumn.create("field");
        IntColumn card = IntColumn.create("cardinality");
        DoubleColumn l = DoubleColumn.create("learned IA"), r = DoubleColumn.create("random IA");
        for (int i : order) {
            field.append(learned.fields().get(i));
            card.append(learned.cardinalities()[i]);
            l.append(learned.ia()[i]);
            r.append(random.ia()[i]);
        }
        return Table.create("IA per field, learned vs random, by cardinality: " + spec.label(), field, card, l, r);
    }

    private static Table spectraTable(ModelSpec spec, FieldIA learned, FieldIA random) {
        StringColumn field = StringColumn.create("field");
        IntColumn card = IntColumn.create("cardinality"), k = IntColumn.create("k");
        DoubleColumn l = DoubleColumn.create("learned"), r = DoubleColumn.create("random");
        for (int f = 0; f < learned.size(); f++) {
            double[] a = learned.spectra().get(f).normalized(), b = random.spectra().get(f).normalized();
            for (int j = 0; j < a.length; j++) {
                field.append(learned.fields().get(f));
                card.append(learned.cardinalities()[f]);
                k.append(j + 1);
                l.append(a[j]);
                r.append(b[j]);
            }
        }
        return Table.create("normalised singular values σ_k/σ_1 per field: " + spec.label(), field, card, k, l, r);
    }

    /**
     * @param spec    the model
     * @param learned IA and spectra per field of its kept tables
     * @param random  the same of a random table of the same shape
     */
    public record Result(ModelSpec spec, FieldIA learned, FieldIA random) implements PaperResult {
        public Result {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(learned, "learned");
            Objects.requireNonNull(random, "random");
        }

        /** Field, cardinality, learned IA, random IA; ascending cardinality. */
        public Table fields() {
            return fieldsTable(spec, learned, random);
        }

        /** Field, cardinality, k, learned and random σ_k/σ_1; schema order. */
        public Table spectra() {
            return spectraTable(spec, learned, random);
        }

        public double meanLearnedIa() {
            return Arrays.stream(learned.ia()).average().orElseThrow();
        }

        public double meanRandomIa() {
            return Arrays.stream(random.ia()).average().orElseThrow();
        }

        /** Fields whose learned IA is below the random table's. */
        public int fieldsBelowRandom() {
            double[] l = learned.ia(), r = random.ia();
            int n = 0;
            for (int i = 0; i < l.length; i++) if (l[i] < r[i]) n++;
            return n;
        }

        /** Fields ordered by cardinality, descending. */
        public List<String> largestFields(int n) {
            List<String> names = new ArrayList<>(fields().stringColumn("field").asList());
            java.util.Collections.reverse(names);
            return names.subList(0, Math.min(n, names.size()));
        }

        /** The learned (or random) side, for {@code Plots}. */
        public FieldIA fieldIA(boolean learned) {
            return learned ? this.learned : random;
        }

        /** Mean IA learned vs random and how many fields lie below random, as a one-row table. */
        public Table summary() {
            return Table.create("learned vs random: " + spec.label(), StringColumn.create("model", spec.label()),
                    DoubleColumn.create("mean IA learned", meanLearnedIa()), DoubleColumn.create("mean IA random", meanRandomIa()),
                    IntColumn.create("fields below random", new int[]{fieldsBelowRandom()}), IntColumn.create("fields", new int[]{learned.size()}));
        }
    
        /** {@link #fields()}: IA per field, learned and random. */
        @Override
        public Table table() {
            return fields();
        }

        /** Fig. 2's claim. */
        @Override
        public List<Claim> claims() {
            return List.of(learnedFarBelowRandom());
        }

        /** Fig. 2's claim on this run: learned IA far below a random table's. */
        public Claim learnedFarBelowRandom() {
            return SpectraClaims.learnedFarBelowRandom(learned, random);
        }
}
}
