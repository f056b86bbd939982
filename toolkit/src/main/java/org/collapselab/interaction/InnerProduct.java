package org.collapselab.interaction;

import java.util.Optional;
import org.collapselab.nn.LinearInput;
import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * IPNN: the F(F−1)/2 inner products ⟨e_i, e_j⟩, i&lt;j, in row-major pair order. The single-embedding model
 * feeds {@code [flattened embeddings, products]} to the MLP; the multi-embedding model feeds the products only
 * ({@code productsOnly}), as the paper's code does.
 */
public record InnerProduct(boolean productsOnly) implements Interaction {
    /** SE IPNN: flattened embeddings followed by the products. */
    public static InnerProduct withEmbeddings() {
        return new InnerProduct(false);
    }

    /** ME IPNN: the products only. */
    public static InnerProduct productsOnlyVariant() {
        return new InnerProduct(true);
    }

    @Override
    public Output apply(Scope scope, SDVariable ein, int fields, int k) {
        Interaction.checkShape(kind(), fields, k);
        if (fields < 2) throw new IllegalArgumentException("ipnn needs at least 2 fields, got " + fields);
        SDVariable e = Fields.split(ein, fields, k);
        // batched [B,F,K]·[B,K,F]: the full Gram matrix per row, then the i<j entries by a constant selector S
        SDVariable gram = scope.sd().linalg().mmul(e, e, false, true, false).reshape(-1, (long) fields * fields);
        SDVariable selector = Fields.upperTriangleSelector(scope, fields);
        SDVariable products = gram.mmul(selector);
        SDVariable features = productsOnly ? products : scope.sd().concat(1, ein, products);
        // The MLP's first layer takes products·W as skewed·W' (Fields.skewedGram, W' = W's pair rows moved to their
        // positions there): the selection moves from every row onto the weight, once per step, and the product has
        // F·⌈F/2⌉ rows (780 at F = 39) where the Gram matrix has F² (1521).
        LinearInput folded = (w, units) -> {
            SDVariable skewed = Fields.skewedGram(scope, e, fields);
            if (productsOnly) return skewed.mmul(Fields.spreadToSkewedGram(scope, w, units, fields));
            long flat = (long) fields * k;
            SDVariable wEmbeddings = w.get(SDIndex.interval(0L, flat), SDIndex.all());
            SDVariable wPairs = w.get(SDIndex.interval(flat, flat + Fields.pairs(fields)), SDIndex.all());
            return ein.mmul(wEmbeddings).add(skewed.mmul(Fields.spreadToSkewedGram(scope, wPairs, units, fields)));
        };
        return new Output(features, Optional.empty(), folded);
    }

    @Override
    public long outputWidth(int fields, int k) {
        return Fields.pairs(fields) + (productsOnly ? 0 : (long) fields * k);
    }

    /**
     * 7 per entry of the F×F Gram matrix: fitted when the selection ran on every row (forward, selection and their
     * gradients); with the selection folded into the weight the peaks are lower, so this stays an upper bound.
     */
    @Override
    public long activationFloatsPerRow(int fields, int k) {
        return 7L * fields * fields;
    }

    @Override
    public long parameterCount(int fields, int k) {
        return 0;
    }

    @Override
    public String kind() {
        return "ipnn";
    }
}
