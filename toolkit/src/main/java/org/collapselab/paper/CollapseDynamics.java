package org.collapselab.paper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.DynamicsClaims;
import org.collapselab.run.Recipe;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.collapselab.train.TrainConfig;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Beyond the paper: how collapse develops during training. IA of every field after every epoch (a training
 * listener on {@code model.concatenatedTables()}), for an SE and an ME model of the same size (ME's sets side by
 * side, so both are measured at the same total width).
 *
 * @param base   the 1× model
 * @param scale  the n× both are trained at (≥ 2: at 1× SE and ME are the same model)
 * @param config training settings
 * @param seed   training seed
 */
public record CollapseDynamics(ModelSpec base, int scale, TrainConfig config, long seed) implements Recipe<CollapseDynamics.Result> {
    public CollapseDynamics {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(config, "config");
        if (scale < 2) throw new IllegalArgumentException("SE and ME differ only from 2× on, got " + scale + "×");
    }

    public List<ModelSpec> specs() {
        return List.of(base.scale(scale, EmbeddingMode.SINGLE), base.scale(scale, EmbeddingMode.MULTI));
    }

    /** SE and ME at the scale. */
    @Override
    public List<RunRequest> requests(EncodedDataset data) {
        return specs().stream().map(s -> RunRequest.of(s, config, seed, data)).toList();
    }

    /** The per-field and per-epoch tables from the two runs. */
    @Override
    public Result result(EncodedDataset data, List<RunRecord> runs, RunStore store) {
        return new Result(fieldsTable(runs), epochsTable(runs));
    }

    private static String variant(ModelSpec s) {
        return s.mode() == EmbeddingMode.SINGLE ? "SE" : "ME";
    }

    private Table fieldsTable(List<RunRecord> runs) {
        StringColumn variant = StringColumn.create("variant"), model = StringColumn.create("model"), field = StringColumn.create("field");
        IntColumn epoch = IntColumn.create("epoch"), card = IntColumn.create("cardinality");
        DoubleColumn ia = DoubleColumn.create("IA");
        for (RunRecord r : runs) {
            ModelSpec s = r.spec();
            List<String> names = r.fields();
            int[] c = r.schema().cardinalities();
            for (int e = 1; e <= r.epochs(); e++) {
                double[] x = r.ia(e);
                for (int f = 0; f < x.length; f++) {
                    variant.append(variant(s));
                    model.append(s.label());
                    epoch.append(e);
                    field.append(names.get(f));
                    card.append(c[f]);
                    ia.append(x[f]);
                }
            }
        }
        return Table.create("IA per field after each epoch", variant, model, epoch, field, card, ia);
    }

    private Table epochsTable(List<RunRecord> runs) {
        StringColumn variant = StringColumn.create("variant"), model = StringColumn.create("model");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn ia = DoubleColumn.create("mean IA"), loss = DoubleColumn.create("train loss"), auc = DoubleColumn.create("valid AUC");
        for (RunRecord r : runs) {
            ModelSpec s = r.spec();
            double[] l = r.trainLosses(), a = r.validAucs();
            for (int e = 1; e <= r.epochs(); e++) {
                variant.append(variant(s));
                model.append(s.label());
                epoch.append(e);
                ia.append(Arrays.stream(r.ia(e)).average().orElseThrow());
                loss.append(l[e - 1]);
                auc.append(a[e - 1]);
            }
        }
        return Table.create("mean IA, training loss and validation AUC per epoch", variant, model, epoch, ia, loss, auc);
    }

    /**
     * @param fields variant (SE/ME), model, epoch, field, cardinality, IA; fields in schema order within an epoch
     * @param epochs variant, model, epoch, mean IA, train loss, valid AUC
     */
    public record Result(Table fields, Table epochs) implements PaperResult {
        private Table of(Table t, String variant) {
            return t.where(t.stringColumn("variant").isEqualTo(variant));
        }

        private Table firstEpochOfSe() {
            return fields.where(fields.numberColumn("epoch").isEqualTo(1).and(fields.stringColumn("variant").isEqualTo("SE")));
        }

        /** Field names in schema order. */
        public List<String> fieldNames() {
            return firstEpochOfSe().stringColumn("field").asList();
        }

        /** {@code [e][f]}: IA of field f after epoch e + 1 for SE or ME. */
        public double[][] iaPerEpoch(String variant) {
            Table t = of(fields, variant);
            int epochs = (int) Math.round(t.numberColumn("epoch").max()), n = fieldNames().size();
            double[][] m = new double[epochs][n];
            List<String> names = fieldNames();
            for (int r = 0; r < t.rowCount(); r++)
                m[(int) Math.round(t.numberColumn("epoch").getDouble(r)) - 1][names.indexOf(t.stringColumn("field").get(r))] = t.numberColumn("IA").getDouble(r);
            return m;
        }

        /** A column of {@link #epochs} (mean IA, train loss, valid AUC) per epoch for SE or ME. */
        public double[] perEpoch(String column, String variant) {
            return of(epochs, variant).numberColumn(column).asDoubleArray();
        }

        /** Fields with the most rows first. */
        public List<String> largestFields(int n) {
            List<String> out = new ArrayList<>(firstEpochOfSe().sortDescendingOn("cardinality").stringColumn("field").asList());
            return out.subList(0, Math.min(n, out.size()));
        }
    
        /** {@link #epochs()}: one row per model and epoch. */
        @Override
        public Table table() {
            return epochs;
        }

        /** The one claim, beyond the paper: ME keeps a higher IA than SE after every epoch. */
        @Override
        public List<Claim> claims() {
            return List.of(meAboveSeEveryEpoch());
        }

        /** Beyond the paper: ME's IA above SE's after every epoch. */
        public Claim meAboveSeEveryEpoch() {
            return DynamicsClaims.meAboveSeEveryEpoch(iaPerEpoch("SE"), iaPerEpoch("ME"));
        }
}
}
