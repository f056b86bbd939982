package org.collapselab.interaction;

import java.util.ArrayList;
import java.util.List;
import org.collapselab.nn.Init;
import org.collapselab.nn.Relu;
import org.collapselab.nn.Scope;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * xDeepFM's compressed interaction network without split-half: layer l computes
 * {@code Z[b, f·H+h, k] = x0[b,f,k]·h_{l-1}[b,h,k]}, a Conv1d(kernel 1, bias) over the F·H channels and a ReLU;
 * each layer's output is sum-pooled over the embedding dimension and the pooled vectors are concatenated
 * (16+16 = 32 by default). The caller adds Linear(32, 1) ({@link Readout#LINEAR}). Conv weights and biases use
 * PyTorch's default U(±1/√(F·H)). Variables: {@code scope/layer<l>/w} [F·H, C], {@code scope/layer<l>/b}.
 *
 * <p>The "1×1 convolution" of the F·H products is computed without them: {@code Σ_{f,h} x0_f h_h W[f·H+h, c] =
 * Σ_h h_h Σ_f x0_f W[f·H+h, c]}, one matrix product of x0 with the weights as [F, H·C], a same-shape multiply by h
 * repeated over the C columns (an outer product with ones) and a matrix product with a constant 0/1 [H·C, C] for the
 * sum over h. That needs H·C values per (row, dimension) instead of F·H (2.4× fewer in each layer at Criteo's 39
 * fields and layers of 16), and no broadcasting multiply, whose backward op is SameDiff M2.1's slowest
 * (ModelBenchmark --profile: 88% of an xDeepFM step's op time). ({@code tensorMmul}'s backward is broken in SameDiff
 * M2.1; a batched [1, F]·[F, C] product per (row, dimension), used before, ran at under 1 GFLOP/s.)
 */
public record Cin(int[] layerSizes) implements Interaction {
    /** The paper's (16, 16). */
    public static Cin standard() {
        return new Cin(new int[]{16, 16});
    }

    public Cin {
        if (layerSizes.length == 0) throw new IllegalArgumentException("cin: needs at least one layer");
        for (int c : layerSizes) if (c < 1) throw new IllegalArgumentException("cin: layer sizes must be >= 1, got " + java.util.Arrays.toString(layerSizes));
        layerSizes = layerSizes.clone();
    }

    @Override
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    @Override
    public Output apply(Scope scope, SDVariable ein, int fields, int k) {
        Interaction.checkShape(kind(), fields, k);
        var sd = scope.sd();
        // rows are (batch row, embedding dimension) pairs: x0 [B·K, F], h [B·K, H]
        SDVariable x0 = sd.permute(Fields.split(ein, fields, k), 0, 2, 1).reshape(-1, fields);
        SDVariable h = x0;
        long hPrev = fields;
        List<SDVariable> pooled = new ArrayList<>();
        for (int l = 0; l < layerSizes.length; l++) {
            Scope ls = scope.child("layer", l);
            long channels = fields * hPrev, c = layerSizes[l];
            SDVariable w = ls.variable("w", Init.torchDefault(channels), channels, c);
            SDVariable b = ls.variable("b", Init.torchDefault(channels), 1, c);
            // Σ_{f,h} x0_f h_h W[f·H+h, c] = Σ_h h_h (x0 · W_h)[c]: contract x0 with W first, [B·K, H·C], instead of
            // materialising the F·H products x0_f h_h; then times h_h (repeated over its C columns by an outer product
            // with ones) and summed over h (a product with a 0/1 [H·C, C] matrix). A same-shape multiply between matrix
            // products, where a batched [1, F]·[F, C] product per (row, dimension) took 35 ms forward and 60 backward per
            // layer at batch 2048, K = 10 (ModelBenchmark --profile), and a broadcasting multiply's backward is M2.1's slowest op
            SDVariable mixed = x0.mmul(w.reshape(fields, hPrev * c));                     // [B·K, H·C]
            SDVariable spread = h.reshape(-1, 1).mmul(ls.constant("ones", Nd4j.ones(scope.dataType(), 1, c))).reshape(-1, hPrev * c);
            SDVariable summed = spread.mul(mixed).mmul(ls.constant("group_sum", groupSum(scope.dataType(), hPrev, c)));  // [B·K, C]
            SDVariable y = Relu.apply(ls, summed.add(b));                               // [B·K, C]
            pooled.add(y.reshape(-1, k, c).sum(1));                                    // [B, C]
            h = y;
            hPrev = c;
        }
        return Output.of(pooled.size() == 1 ? pooled.get(0) : sd.concat(1, pooled.toArray(new SDVariable[0])));
    }

    /** [G·C, C] with a one at (g·C + c, c): the sum over the G groups of a [·, G·C] row laid out group by group. */
    private static INDArray groupSum(DataType type, long groups, long c) {
        var s = Nd4j.zeros(type, groups * c, c);
        for (long g = 0; g < groups; g++) for (long j = 0; j < c; j++) s.putScalar(new long[]{g * c + j, j}, 1.0);
        return s;
    }

    @Override
    public long outputWidth(int fields, int k) {
        long w = 0;
        for (int c : layerSizes) w += c;
        return w;
    }

    /**
     * 3 per value of the layers' F·H·K products ({@link #products}): fitted when CIN materialised them; it now allocates
     * a few H·C·K per layer, so this is an upper bound until re-fitted (xDeepFM SE 1× peak RSS 2.1 GB; 2.6 GB when
     * CIN materialised the products).
     */
    @Override
    public long activationFloatsPerRow(int fields, int k) {
        return 3 * products(fields, k);
    }

    /** Backward temporaries, 4 per value of one set's layer products. (xDeepFM ME 10× and SE 10× have the same products in total; ME peaked at 10.3 GB, SE at 13.5 GB.) */
    @Override
    public long transientFloatsPerRow(int fields, int k) {
        return 4 * products(fields, k);
    }

    /** Σ over the layers of F·H·K, the values of the outer products x0 ⊙ h (H = F, then the previous layer's size). */
    long products(int fields, int k) {
        long products = 0, h = fields;
        for (int size : layerSizes) {
            products += fields * h * k;
            h = size;
        }
        return products;
    }

    @Override
    public long parameterCount(int fields, int k) {
        long n = 0, hPrev = fields;
        for (int c : layerSizes) {
            n += fields * hPrev * c + c;
            hPrev = c;
        }
        return n;
    }

    @Override
    public Readout readout() {
        return Readout.LINEAR;
    }

    @Override
    public String kind() {
        return "cin";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cin c && java.util.Arrays.equals(layerSizes, c.layerSizes);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(layerSizes);
    }

    @Override
    public String toString() {
        return "Cin" + java.util.Arrays.toString(layerSizes);
    }
}
