package org.collapselab.interaction;

import org.collapselab.nn.Scope;
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
        // batched [B,F,K]·[B,K,F]: the full Gram matrix per row, then the i<j entries by a constant selector
        SDVariable gram = scope.sd().linalg().mmul(e, e, false, true, false).reshape(-1, (long) fields * fields);
        SDVariable products = gram.mmul(Fields.upperTriangleSelector(scope, fields));
        return Output.of(productsOnly ? products : scope.sd().concat(1, ein, products));
    }

    @Override
    public long outputWidth(int fields, int k) {
        return Fields.pairs(fields) + (productsOnly ? 0 : (long) fields * k);
    }

    /** 7 per entry of the F×F Gram matrix (forward, selection and their gradients). */
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
