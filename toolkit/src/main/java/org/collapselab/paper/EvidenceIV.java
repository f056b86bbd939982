package org.collapselab.paper;

import java.util.List;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.EvidenceIVClaims;
import org.collapselab.train.TrainConfig;

/**
 * Evidence IV (Fig. 6): DNN (no explicit feature interaction) and DCNv2 at each SE size. The paper's claims: DNN
 * keeps more information abundance than DCNv2, yet DNN's test AUC drops with size while DCNv2's holds.
 */
public record EvidenceIV(List<Integer> scales, TrainConfig config, List<Long> seeds) implements SweepRecipe {
    public static final String DNN = "DNN", DCNV2 = "DCNv2";

    public EvidenceIV {
        scales = List.copyOf(scales);
        seeds = List.copyOf(seeds);
    }

    @Override
    public SizeSweep sweep() {
        return new SizeSweep("evidence-iv", List.of(new SizeSweep.Variant(DNN, ModelSpec.of(ModelKind.DNN)),
                new SizeSweep.Variant(DCNV2, ModelSpec.of(ModelKind.DCNV2))), scales, EmbeddingMode.SINGLE, config, seeds);
    }

    /** Claims 1 and 2. */
    @Override
    public List<Claim> claims(SizeSweep.Result r) {
        return List.of(dnnHasHigherIa(r), dnnDropsWhileDcnv2Holds(r));
    }

    /** Claim 1: DNN has the higher IA at every size. */
    public static Claim dnnHasHigherIa(SizeSweep.Result r) {
        return EvidenceIVClaims.dnnHasHigherIa(r.ia(DNN), r.ia(DCNV2));
    }

    /** Claim 2: DNN's test AUC drops with size while DCNv2's holds. */
    public static Claim dnnDropsWhileDcnv2Holds(SizeSweep.Result r) {
        return EvidenceIVClaims.dnnDropsWhileDcnv2Holds(r.testPredictions(DNN), r.testPredictions(DCNV2));
    }
}
