package org.collapselab.experiment;

import java.util.List;
import org.collapselab.data.EncodedDataset;
import org.collapselab.model.EmbeddingMode;
import org.collapselab.model.ModelKind;
import org.collapselab.model.ModelSpec;
import org.collapselab.train.TrainConfig;
import org.collapselab.train.TrainingListener;

/**
 * Evidence III (Fig. 5): DCNv2 and DCNv2 with the cross-weight regulariser (learnable field-pair gains and the
 * orthogonality penalty, {@code ModelSpec.Builder.regularizedCross()}) at each SE size. The paper's claims: the
 * regulariser raises IA, yet test AUC does not improve with size, and the regularised model overfits (training
 * loss keeps falling while validation AUC drops).
 */
public record EvidenceIII(List<Integer> scales, TrainConfig config, List<Long> seeds) {
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

    public Provenance provenance(EncodedDataset data) {
        return sweep().provenance(data);
    }

    public SizeSweep.Result run(EncodedDataset data, ResultCache cache, TrainingListener... listeners) {
        return sweep().run(data, cache, listeners);
    }
}
