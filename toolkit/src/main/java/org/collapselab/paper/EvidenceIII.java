package org.collapselab.paper;

import java.util.List;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.EvidenceIIIClaims;
import org.collapselab.train.TrainConfig;

/**
 * Evidence III (Fig. 5): DCNv2 and DCNv2 with the cross-weight regulariser (learnable field-pair gains and the
 * orthogonality penalty, {@code ModelSpec.Builder.regularizedCross()}) at each SE size. The paper's claims: the
 * regulariser raises IA, yet test AUC does not improve with size, and the regularised model overfits (training
 * loss keeps falling while validation AUC drops).
 */
public record EvidenceIII(List<Integer> scales, TrainConfig config, List<Long> seeds) implements SweepRecipe {
    public static final String DCNV2 = "DCNv2", REGULARISED = "regularised DCNv2";

    public EvidenceIII {
        scales = List.copyOf(scales);
        seeds = List.copyOf(seeds);
    }

    @Override
    public SizeSweep sweep() {
        ModelSpec base = ModelSpec.of(ModelKind.DCNV2);
        return new SizeSweep("evidence-iii", List.of(new SizeSweep.Variant(DCNV2, base),
                new SizeSweep.Variant(REGULARISED, base.toBuilder().regularizedCross().build())), scales, EmbeddingMode.SINGLE, config, seeds);
    }

    /** Claims 1 to 3, the third on the first seed's runs. */
    @Override
    public List<Claim> claims(SizeSweep.Result r) {
        return List.of(regularisationRaisesIa(r), aucDoesNotImproveWithSize(r), regularisedModelOverfits(r, seeds.get(0)));
    }

    /** Claim 1: the regulariser raises IA at every size. */
    public static Claim regularisationRaisesIa(SizeSweep.Result r) {
        return EvidenceIIIClaims.regularisationRaisesIa(r.ia(DCNV2), r.ia(REGULARISED));
    }

    /** Claim 2: the regularised model's test AUC does not improve with size. */
    public static Claim aucDoesNotImproveWithSize(SizeSweep.Result r) {
        return EvidenceIIIClaims.aucDoesNotImproveWithSize(r.testPredictions(REGULARISED), r.testPredictions(DCNV2));
    }

    /** Claim 3: the regularised model overfits (training loss falls while validation AUC drops), on the runs of {@code seed}. */
    public static Claim regularisedModelOverfits(SizeSweep.Result r, long seed) {
        java.util.SortedMap<Integer, EvidenceIIIClaims.Course> runs = new java.util.TreeMap<>();
        r.runs(REGULARISED, seed).forEach((n, run) -> runs.put(n, new EvidenceIIIClaims.Course(run.trainLosses(), run.result().validBest(),
                run.result().validLast())));
        return EvidenceIIIClaims.regularisedModelOverfits(runs);
    }
}
