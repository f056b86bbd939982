package org.collapselab.run;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.analysis.SpectrumOptions;
import org.collapselab.data.Schema;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.EpochResult;
import org.collapselab.train.TrainResult;

/**
 * What a stored run keeps besides its weights: the request it answers (so its id), how training went (metrics, the
 * history per epoch, the test and validation predictions), the fields its tables hold, and the per-field IA after
 * every epoch (taken during training: only the best epoch's weights are kept). Everything else about the trained
 * model is a {@link Measure} of its {@link KeptWeights}, read through {@link RunStore#measure} ({@link RunMeasures}).
 *
 * @param request     what was trained
 * @param result      metrics, history and predictions
 * @param schema      the fields the kept tables' rows belong to, by name and row count ({@link Schema#categorical})
 * @param iaPerEpoch  {@code [e][f]}: IA of field f after epoch e + 1 (sets side by side, {@link SpectrumOptions#DEFAULT})
 * @param weights     the SHA-256 of the kept weights' files ({@link KeptWeights}, kept by the store beside the record),
 *                    so that only this run's weights are ever read as its own
 */
public record RunRecord(RunRequest request, TrainResult result, Schema schema, double[][] iaPerEpoch, WeightDigests weights) {
    /**
     * The SHA-256 of the {@code .npy} files of a run's kept weights: the tables, and the cross layers where the model
     * has them.
     */
    public record WeightDigests(String tables, Optional<String> cross) {
        public WeightDigests {
            if (!tables.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256: '" + tables + "'");
            cross.ifPresent(c -> {
                if (!c.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256: '" + c + "'");
            });
        }
    }

    public RunRecord {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(schema, "schema");
        iaPerEpoch = deep(iaPerEpoch);
        if (!result.spec().equals(request.spec())) throw new IllegalArgumentException("the result is of " + result.spec().label() + ", the request of " + request.spec().label());
        if (iaPerEpoch.length != result.epochs())
            throw new IllegalArgumentException(result.epochs() + " epochs but IA of " + iaPerEpoch.length);
        for (double[] ia : iaPerEpoch)
            if (ia.length != schema.size()) throw new IllegalArgumentException(schema.size() + " fields but an epoch's IA of " + ia.length);
        Objects.requireNonNull(weights, "weights");
        if (weights.cross().isPresent() != (request.spec().kind() == ModelKind.DCNV2))
            throw new IllegalArgumentException(request.spec().label() + (weights.cross().isPresent() ? " has no" : " needs its") + " cross layers' digest");
    }

    private static double[][] deep(double[][] a) {
        return Arrays.stream(a).map(double[]::clone).toArray(double[][]::new);
    }

    public String id() {
        return request.id();
    }

    public String description() {
        return request.description();
    }

    public ModelSpec spec() {
        return request.spec();
    }

    public long seed() {
        return request.seed();
    }

    public double testAuc() {
        return result.testAuc();
    }

    public double testLogloss() {
        return result.testLogloss();
    }

    /** Validation AUC of the kept (best) epoch. */
    public double validAuc() {
        return result.validAuc();
    }

    public int bestEpoch() {
        return result.bestEpoch();
    }

    public double seconds() {
        return result.seconds();
    }

    /** Epochs run. */
    public int epochs() {
        return result.epochs();
    }

    public List<EpochResult> history() {
        return result.history();
    }

    public double[] trainLosses() {
        return result.trainLosses();
    }

    public double[] validAucs() {
        return result.validAucs();
    }

    /** Field names in schema order. */
    public List<String> fields() {
        return schema.names();
    }

    /** IA per field after epoch {@code epoch} (1-based); the kept weights' IA is {@link RunMeasures#FIELD_IA}. */
    public double[] ia(int epoch) {
        if (epoch < 1 || epoch > epochs()) throw new IllegalArgumentException(spec().label() + ": no IA recorded for epoch " + epoch + " of " + epochs());
        return iaPerEpoch[epoch - 1].clone();
    }

    @Override
    public double[][] iaPerEpoch() {
        return deep(iaPerEpoch);
    }
}
