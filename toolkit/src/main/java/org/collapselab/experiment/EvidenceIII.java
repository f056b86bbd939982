package org.collapselab.experiment;

import java.util.List;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;

/**
 * Evidence III (Fig. 5): DCNv2 and DCNv2 with the cross-weight regulariser (learnable field-pair gains and the
 * orthogonality penalty, {@code ModelSpec.Builder.regularizedCross()}) at each SE size. The paper's claims: the
 * regulariser raises IA, yet test AUC does not improve with size, and the regularised model overfits (training
 * loss keeps falling while validation AUC drops).
 */
public record EvidenceIII(List<Integer> scales, TrainConfig config, List<Long> seeds) implements Recipe<SizeSweep.Result> {
    public static final String DCNV2 = "DCNv2", REGULARISED = "regularised DCNv2";

    public EvidenceIII {
        scales = List.copyOf(scales);
        seeds = List.copyOf(seeds);
    }

    public SizeSweep sweep() {
        ModelSpec base = ModelSpec.of(ModelKind.DCNV2);
        return new SizeSweep("evidence-iii", List.of(new SizeSweep.Variant(DCNV2, base),
                new SizeSweep.Variant(REGULARISED, base.toBuilder().regularizedCross().build())), scales, EmbeddingMode.SINGLE, config, seeds);
    }

    @Override
    public List<RunRequest> requests(EncodedDataset data) {
        return sweep().requests(data);
    }

    @Override
    public SizeSweep.Result result(EncodedDataset data, List<RunRecord> runs) {
        return sweep().result(data, runs);
    }
}
