package org.collapselab.model;

import java.util.List;
import org.collapselab.interaction.Cin;
import org.collapselab.interaction.Concat;
import org.collapselab.interaction.CrossNetV2;
import org.collapselab.interaction.Ffm;
import org.collapselab.interaction.Fm;
import org.collapselab.interaction.InnerProduct;
import org.collapselab.interaction.Interaction;
import org.collapselab.interaction.Nfwfm;
import org.collapselab.interaction.TwoStream;

/**
 * The models of the paper as data: each kind names its interaction modules per embedding mode and its base
 * embedding size. The skeleton in {@link CtrModel} does the rest, identically for every kind.
 */
public enum ModelKind {
    DNN("DNN", 10),
    IPNN("IPNN", 10),
    /** NFM with FwFM's field-pair weights; the original's base size is 50. */
    NFWFM("NFwFM", 50),
    /** CIN branch plus an MLP branch, logits summed (no linear part, as the original). */
    XDEEPFM("xDeepFM", 10),
    DCNV2("DCNv2", 10),
    /** Two MLP streams with bilinear fusion; the feature-selection gates are off, as in the original. */
    FINALMLP("FinalMLP", 10),
    /** Factorization machine pair terms (Evidence I), no MLP. */
    FM("FM", 8),
    /** Field-aware FM (Evidence I): F sub-embeddings of K per field. */
    FFM("FFM", Ffm.DEFAULT_K);

    private final String displayName;
    private final int baseEmbeddingSize;

    ModelKind(String displayName, int baseEmbeddingSize) {
        this.displayName = displayName;
        this.baseEmbeddingSize = baseEmbeddingSize;
    }

    /** The paper's name, e.g. {@code DCNv2}. */
    public String displayName() {
        return displayName;
    }

    /** K_base: the embedding size of the "1×" model. */
    public int baseEmbeddingSize() {
        return baseEmbeddingSize;
    }

    /** The six models of Table 1. */
    public static List<ModelKind> paperModels() {
        return List.of(DNN, IPNN, NFWFM, XDEEPFM, DCNV2, FINALMLP);
    }

    /**
     * The interaction modules one embedding set gets. IPNN's sets see only the inner products under ME (the
     * flattened embeddings alongside them under SE), as in the released code.
     */
    List<Interaction> interactions(ModelSpec spec) {
        return switch (this) {
            case DNN -> List.of(new Concat());
            case IPNN -> List.of(spec.mode() == EmbeddingMode.SINGLE ? InnerProduct.withEmbeddings() : InnerProduct.productsOnlyVariant());
            case NFWFM -> List.of(new Nfwfm(spec.dropout()));
            case XDEEPFM -> List.of(Cin.standard(), new Concat());
            case DCNV2 -> List.of(spec.crossRegularization().isPresent()
                    ? new CrossNetV2(CrossNetV2.standard().layers(), java.util.Optional.of(spec.crossRegularization().getAsDouble()))
                    : CrossNetV2.standard());
            case FINALMLP -> List.of(new TwoStream(spec.hidden(), spec.dropout()));
            case FM -> List.of(new Fm());
            case FFM -> List.of(new Ffm());
        };
    }

    /** Whether the kind ends in the MLP head (everything but FM and FFM). */
    boolean hasMlp() {
        return this != FM && this != FFM;
    }
}
