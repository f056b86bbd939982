package org.collapselab.interaction;

import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;

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
        // batched [B,F,K]·[B,K,F]: the full Gram matrix per row, then its i<j entries, gathered by a segment sum over
        // the transposed Gram's rows (every other entry goes to one extra segment, sliced off). SameDiff M2.1's
        // gather has a broken gradient; a 0/1 selector matrix cost F²·P multiply-adds per row (IPNN's largest op).
        var sd = scope.sd();
        SDVariable gram = sd.linalg().mmul(e, e, false, true, false).reshape(-1, (long) fields * fields);
        int pairs = (int) Fields.pairs(fields);
        SDVariable segments = scope.constant("pair_segment", Fields.upperTriangleSegments(fields));
        SDVariable bySegment = new UnsortedSegmentSum(sd, sd.permute(gram, 1, 0), segments, pairs + 1).outputVariable();  // [P+1, B]
        SDVariable products = sd.permute(sd.slice(bySegment, new int[]{0, 0}, pairs, -1), 1, 0);
        return Output.of(productsOnly ? products : sd.concat(1, ein, products));
    }

    @Override
    public long outputWidth(int fields, int k) {
        return Fields.pairs(fields) + (productsOnly ? 0 : (long) fields * k);
    }

    /**
     * 12 per entry of the F×F Gram matrix: the Gram, its transpose, the segment sums and the products in both layouts,
     * forward and backward (7 fitted with the selector matrix; the segment sum's arrays pushed IPNN ME 4× 470 MB over it).
     */
    @Override
    public long activationFloatsPerRow(int fields, int k) {
        return 12L * fields * fields;
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
