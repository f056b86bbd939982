package org.collapselab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.collapselab.data.Schema;
import org.collapselab.interaction.CrossNetV2;
import org.collapselab.nn.Graph;
import org.collapselab.nn.Linear;
import org.collapselab.nn.MlpBlock;
import org.collapselab.nn.Scope;
import org.collapselab.nn.embedding.AdamConfig;
import org.collapselab.nn.embedding.EmbeddingStore;
import org.collapselab.nn.embedding.Optimizer;
import org.collapselab.nn.embedding.StoreSpec;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Step cost of the engine on a DCNv2-shaped batch (B=2048, F=39, ~1M-row table, K=10, 4 cross layers,
 * MLP 400-400-1): lookup, fit with the ein-gradient tap, calculateGradients for comparison, and the store's
 * update kernels. Prints medians; asserts nothing. Args: [steps] [rowsPerField].
 */
public final class EngineBench {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perField = args.length > 1 ? Integer.parseInt(args[1]) : 25_641;
        int f = 39, k = 10, b = 2048;
        int[] cards = new int[f];
        Arrays.fill(cards, perField);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < f; i++) names.add("f" + i);
        Schema schema = Schema.categorical(names, cards);
        System.out.printf("table %d rows x %d, batch %d, fields %d%n", schema.totalRows(), k, b, f);

        Graph g = Graph.create(DataType.FLOAT, 1);
        Scope set = g.root().child("set", 0);
        SDVariable ein = g.embeddingInput(set, (long) f * k);
        SDVariable x = CrossNetV2.standard().apply(set.child("interaction"), ein, f, k).features();
        SDVariable h = MlpBlock.stack(g.root().child("mlp"), x, (long) f * k, new long[]{400, 400}, MlpBlock.DEFAULT_DROPOUT);
        SDVariable logits = Linear.create(g.root().child("out"), 400, 1).apply(h);
        SDVariable label = g.sd().placeHolder("label", DataType.FLOAT, -1, 1);
        g.sd().setLossVariables(g.sd().loss.sigmoidCrossEntropy("loss", label, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0));
        g.sd().setTrainingConfig(new TrainingConfig.Builder().updater(new Adam(1e-3)).l2(1e-6).dataSetFeatureMapping(new ArrayList<>())
                .dataSetLabelMapping("label").skipBuilderValidation(true).build());

        EmbeddingStore dense = EmbeddingStore.create(schema, StoreSpec.of(1, k), AdamConfig.paper(), 1);
        EmbeddingStore lazy = EmbeddingStore.create(schema, StoreSpec.of(1, k), AdamConfig.paper().withOptimizer(Optimizer.LAZY_ADAM), 1);
        EmbeddingStore nd = EmbeddingStore.create(schema, StoreSpec.of(1, k).withKernel(StoreSpec.Kernel.NDARRAY), AdamConfig.paper(), 1);
        int[] offsets = schema.offsets();
        SplittableRandom r = new SplittableRandom(7);
        INDArray y = Nd4j.create(DataType.FLOAT, b, 1);
        for (int i = 0; i < b; i++) y.putScalar(i, 0, r.nextInt(4) == 0 ? 1 : 0);
        Supplier<int[]> batch = () -> {
            int[] idx = new int[b * f];
            for (int p = 0; p < idx.length; p++) idx[p] = offsets[p % f] + (int) Math.min(perField - 1, Math.abs(r.nextGaussian()) * perField / 8);
            return idx;
        };
        List<String> params = new ArrayList<>();
        for (SDVariable v : g.sd().variables()) if (v.getVariableType() == VariableType.VARIABLE) params.add(v.name());

        double[] tLookup = new double[steps], tFit = new double[steps], tDense = new double[steps], tLazy = new double[steps], tNd = new double[steps], tCalc = new double[steps];
        INDArray buf = Nd4j.create(DataType.FLOAT, b, (long) f * k);
        for (int s = -2; s < steps; s++) {
            int[] idx = batch.get();
            long t0 = System.nanoTime();
            dense.lookupInto(idx, buf);
            g.feed(ein, buf);
            long t1 = System.nanoTime();
            g.prepare(Graph.Mode.TRAIN, b);
            g.sd().fit(new MultiDataSet(new INDArray[0], new INDArray[]{y}));
            INDArray grad = g.gradient(ein);
            long t2 = System.nanoTime();
            dense.apply(idx, grad);
            long t3 = System.nanoTime();
            lazy.apply(idx, grad);
            long t4 = System.nanoTime();
            nd.apply(idx, grad);
            long t5 = System.nanoTime();
            g.feed(ein, buf);
            Map<String, INDArray> all = g.sd().calculateGradients(Map.of("label", y), params);
            long t6 = System.nanoTime();
            all.values().forEach(INDArray::close);
            if (s >= 0) {
                tLookup[s] = (t1 - t0) / 1e6;
                tFit[s] = (t2 - t1) / 1e6;
                tDense[s] = (t3 - t2) / 1e6;
                tLazy[s] = (t4 - t3) / 1e6;
                tNd[s] = (t5 - t4) / 1e6;
                tCalc[s] = (t6 - t5) / 1e6;
            }
        }
        System.out.printf("median ms/step over %d steps: lookup %.1f | fit+tap (fwd+bwd+dense-param Adam) %.1f | calculateGradients only %.1f%n",
                steps, Medians.of(tLookup), Medians.of(tFit), Medians.of(tCalc));
        System.out.printf("store update: DENSE_ADAM direct %.1f | DENSE_ADAM ndarray %.1f | LAZY_ADAM direct %.1f%n", Medians.of(tDense), Medians.of(tNd), Medians.of(tLazy));
        System.out.printf("faithful step (lookup + fit + dense) %.1f ms = %.0f samples/s; lazy %.1f ms = %.0f samples/s%n",
                Medians.of(tLookup) + Medians.of(tFit) + Medians.of(tDense), b / ((Medians.of(tLookup) + Medians.of(tFit) + Medians.of(tDense)) / 1e3),
                Medians.of(tLookup) + Medians.of(tFit) + Medians.of(tLazy), b / ((Medians.of(tLookup) + Medians.of(tFit) + Medians.of(tLazy)) / 1e3));
    }
}
