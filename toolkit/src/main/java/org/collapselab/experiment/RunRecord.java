package org.collapselab.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.SubEmbeddingIA;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.EpochResult;
import org.collapselab.train.TrainResult;

/**
 * Everything kept of one trained run: the request it answers (so its id), how training went (metrics and the
 * history per epoch), and what the analyses need of the trained model: IA and singular values per field of the
 * kept (best) weights with the sets side by side, the per-field IA after every epoch, the per-field IA of every
 * set on its own, for DCNv2 the first cross layer's field-pair weight norms of every set, and for single-embedding
 * FFM and DCNv2 the IA of every sub-embedding E_{i→j} (Fig. 3, {@link SubEmbeddingIA}).
 *
 * @param request     what was trained
 * @param result      metrics and history
 * @param kept        IA and spectra per field of the kept weights, sets side by side ({@code CtrModel.concatenatedTables()})
 * @param iaPerEpoch  {@code [e][f]}: IA of field f after epoch e + 1 (sets side by side)
 * @param setIa       {@code [m][f]}: IA of field f in set m's own table
 * @param crossNorms  per set, {@code [i][j] = ||W_{i→j}||_F} of the first cross layer (DCNv2; empty otherwise)
 * @param subEmbeddings IA of the sub-embeddings of the kept weights, where {@link #hasSubEmbeddings} says the
 *                    model has them (empty otherwise)
 * @param weights     the SHA-256 of the kept weights' files ({@link KeptWeights}, kept by the store beside the record),
 *                    so that only this run's weights are ever read as its own
 */
public record RunRecord(RunRequest request, TrainResult result, FieldIA kept, double[][] iaPerEpoch, double[][] setIa,
                        List<double[][]> crossNorms, Optional<SubEmbeddingIA> subEmbeddings, WeightDigests weights) {
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
        Objects.requireNonNull(kept, "kept");
        iaPerEpoch = deep(iaPerEpoch);
        setIa = deep(setIa);
        crossNorms = crossNorms.stream().map(RunRecord::deep).toList();
        if (!result.spec().equals(request.spec())) throw new IllegalArgumentException("the result is of " + result.spec().label() + ", the request of " + request.spec().label());
        if (iaPerEpoch.length != result.epochs())
            throw new IllegalArgumentException(result.epochs() + " epochs but IA of " + iaPerEpoch.length);
        if (setIa.length != request.spec().sets()) throw new IllegalArgumentException(request.spec().sets() + " sets but set IA of " + setIa.length);
        if (!crossNorms.isEmpty() && crossNorms.size() != request.spec().sets())
            throw new IllegalArgumentException(request.spec().sets() + " sets but cross norms of " + crossNorms.size());
        Objects.requireNonNull(subEmbeddings, "subEmbeddings");
        Objects.requireNonNull(weights, "weights");
        if (weights.cross().isPresent() != (request.spec().kind() == ModelKind.DCNV2))
            throw new IllegalArgumentException(request.spec().label() + (weights.cross().isPresent() ? " has no" : " needs its") + " cross layers' digest");
        if (subEmbeddings.isPresent() != hasSubEmbeddings(request.spec()))
            throw new IllegalArgumentException(request.spec().label() + (subEmbeddings.isPresent() ? " has no" : " needs") + " sub-embedding IA");
    }

    /** Whether runs of {@code spec} record sub-embedding IA: single-embedding FFM (its blocks) and DCNv2 (its first cross layer's projections). */
    public static boolean hasSubEmbeddings(ModelSpec spec) {
        return spec.sets() == 1 && (spec.kind() == ModelKind.FFM || spec.kind() == ModelKind.DCNV2);
    }

    /** IA(E_{i→j}) of the kept weights (single-embedding FFM and DCNv2 only). */
    public SubEmbeddingIA subEmbeddingIA() {
        return subEmbeddings.orElseThrow(() -> new IllegalStateException("sub-embedding IA exists for single-embedding FFM and DCNv2 only, this is " + spec().label()));
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

    /** Width of the analysed table: K for SE, M·K for ME (sets side by side). */
    public int width() {
        return kept.k();
    }

    /** Field names in schema order. */
    public List<String> fields() {
        return kept.fields();
    }

    /** IA per field after epoch {@code epoch} (1-based), or of the kept weights for 0. */
    public double[] ia(int epoch) {
        if (epoch < 0 || epoch > epochs()) throw new IllegalArgumentException(spec().label() + ": no IA recorded for epoch " + epoch);
        return epoch == 0 ? kept.ia() : iaPerEpoch[epoch - 1].clone();
    }

    @Override
    public double[][] iaPerEpoch() {
        return deep(iaPerEpoch);
    }

    /** Mean IA over fields of the kept weights. */
    public double meanIa() {
        return Arrays.stream(kept.ia()).average().orElseThrow();
    }

    /** IA and singular values per field of the kept weights. */
    public FieldIA fieldIA() {
        return kept;
    }

    /** IA per field of set {@code m}'s own table. */
    public double[] setIa(int m) {
        return setIa[m].clone();
    }

    @Override
    public double[][] setIa() {
        return deep(setIa);
    }

    @Override
    public List<double[][]> crossNorms() {
        return crossNorms.stream().map(RunRecord::deep).toList();
    }

    /** {@code [i][j] = ||W_{i→j}||_F} of set {@code m}'s first cross layer (DCNv2 only). */
    public double[][] crossNorms(int m) {
        if (crossNorms.isEmpty()) throw new IllegalStateException("cross norms exist for DCNv2 only, this is " + spec().label());
        return deep(crossNorms.get(m));
    }
}
