package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/** The graph runtime: gradient capture inside fit, BatchNorm modes and running statistics, dropout masks, seeding. */
class GraphTest {
    static final int IN = 4, HIDDEN = 3;
    /** The EVAL pass's logit. */
    static final String EVAL_LOGIT = "eval_logit";

    /** ein [B,4] → Linear(4,3) → BN → ReLU → Dropout(p) → Linear(3,1) → BCE, built in the TRAIN pass, then the EVAL pass ({@link #EVAL_LOGIT}). */
    static Graph model(long seed, double p) {
        Graph g = Graph.create(DataType.FLOAT, seed);
        Scope root = g.root();
        SDVariable ein = g.embeddingInput(root.child("set", 0), IN);
        java.util.function.Supplier<SDVariable> network = () -> Linear.create(root.child("out"), HIDDEN, 1)
                .apply(MlpBlock.create(root.child("mlp"), IN, HIDDEN, p).apply(ein));
        SDVariable logits = g.build(Graph.Mode.TRAIN, network);
        g.sd().identity(EVAL_LOGIT, g.build(Graph.Mode.EVAL, network));
        SDVariable label = g.sd().placeHolder("label", DataType.FLOAT, -1, 1);
        g.sd().setLossVariables(g.sd().loss.sigmoidCrossEntropy("loss", label, logits, null, LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT, 0.0));
        g.sd().setTrainingConfig(new TrainingConfig.Builder().updater(new Adam(1e-2)).dataSetFeatureMapping(new ArrayList<>())
                .dataSetLabelMapping("label").skipBuilderValidation(true).build());
        return g;
    }

    static INDArray rows(int b, long seed) {
        return Init.uniform(1).create(new SplittableRandom(seed), DataType.FLOAT, b, IN);
    }

    static INDArray labels(int b) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, b, 1);
        for (int i = 0; i < b; i += 2) y.putScalar(i, 0, 1f);
        return y;
    }

    static void fit(Graph g, INDArray x) {
        g.feed(g.embeddingInputs().get(0), x);
        g.prepare(Graph.Mode.TRAIN, (int) x.size(0));
        g.sd().fit(new MultiDataSet(new INDArray[0], new INDArray[]{labels((int) x.size(0))}));
    }

    @Test
    void fitCapturesTheEinGradientAndAcceptsAnyBatchSize() {
        Graph g = model(1, 0);
        SDVariable ein = g.embeddingInputs().get(0);
        for (int b : new int[]{6, 5, 7}) {
            INDArray x = rows(b, b);
            g.feed(ein, x);
            g.prepare(Graph.Mode.TRAIN, b);
            INDArray expected = g.sd().calculateGradients(Map.of("label", labels(b)), ein.name()).get(ein.name());
            fit(g, x);
            INDArray captured = g.gradient(ein);
            assertNotNull(captured, "no gradient captured at batch " + b);
            assertTrue(expected.equalsWithEps(captured, 1e-6), "batch " + b + ": " + expected + " vs " + captured);
            assertEquals(null, g.gradient(ein), "a captured gradient is handed out once");
            assertEquals(rows(b, b), x, "the fed rows are not modified by the training step");
        }
    }

    @Test
    void batchNormTrainsOnBatchStatisticsAndEvaluatesOnRunningOnes() {
        Graph g = model(2, 0);
        Scope lin = g.root().child("mlp").child("linear");
        INDArray w = lin.get("w").getArr().dup(), bias = lin.get("b").getArr().dup();
        INDArray x = rows(5, 3);
        fit(g, x);
        // independent: pre-activations of the batch, their mean and unbiased variance, PyTorch's momentum 0.1
        double[][] z = new double[5][HIDDEN];
        for (int r = 0; r < 5; r++)
            for (int j = 0; j < HIDDEN; j++) {
                z[r][j] = bias.getDouble(0, j);
                for (int i = 0; i < IN; i++) z[r][j] += x.getDouble(r, i) * w.getDouble(i, j);
            }
        INDArray rm = null, rv = null;
        for (var v : g.sd().variables()) {
            if (v.name().equals("mlp/bn/running_mean")) rm = v.getArr();
            if (v.name().equals("mlp/bn/running_var")) rv = v.getArr();
        }
        for (int j = 0; j < HIDDEN; j++) {
            double mean = 0, ss = 0;
            for (double[] row : z) mean += row[j] / z.length;
            for (double[] row : z) ss += (row[j] - mean) * (row[j] - mean);
            assertEquals(0.1 * mean, rm.getDouble(0, j), 1e-6, "running mean " + j);
            assertEquals(0.9 + 0.1 * ss / (z.length - 1), rv.getDouble(0, j), 1e-6, "running var " + j);
        }
        // EVAL: a single row is normalised with the running statistics (batch statistics of one row would give 0)
        INDArray one = rows(1, 9);
        g.feed(g.embeddingInputs().get(0), one);
        g.prepare(Graph.Mode.EVAL, 1);
        INDArray wNow = lin.get("w").getArr(), bNow = lin.get("b").getArr();
        INDArray zNow = one.mmul(wNow).addRowVector(bNow);
        INDArray gamma = g.root().child("mlp").child("bn").get("gamma").getArr(), beta = g.root().child("mlp").child("bn").get("beta").getArr();
        INDArray expected = zNow.sub(rm).div(org.nd4j.linalg.ops.transforms.Transforms.sqrt(rv.add(BatchNorm1d.EPS), true)).mul(gamma).add(beta);
        String relu0 = findInputOfOutputLayer(g, Graph.Mode.EVAL);
        INDArray h = g.sd().output(Map.of(), relu0).get(relu0);
        INDArray relu = org.nd4j.linalg.ops.transforms.Transforms.relu(expected, true);
        assertTrue(relu.equalsWithEps(h, 1e-5), relu + " vs " + h);
    }

    /** The block's output in a pass: the variable the pass's output layer multiplies by out/w (the TRAIN pass is built first). */
    private static String findInputOfOutputLayer(Graph g, Graph.Mode pass) {
        List<String> found = new ArrayList<>();
        for (var op : g.sd().ops()) {
            var args = op.args();
            if (args.length == 2 && args[1].name().equals("out/w")) found.add(args[0].name());
        }
        if (found.size() != 2) throw new AssertionError("output layer not found in both passes: " + found);
        return found.get(pass == Graph.Mode.TRAIN ? 0 : 1);
    }

    @Test
    void dropoutIsSeededScaledAndOffInEvaluation() {
        Graph a = model(5, 0.5), b = model(5, 0.5), c = model(6, 0.5);
        INDArray x = rows(64, 1);
        String h = findInputOfOutputLayer(a, Graph.Mode.TRAIN);
        List<INDArray> outs = new ArrayList<>();
        for (Graph g : List.of(a, b, c)) {
            g.feed(g.embeddingInputs().get(0), x);
            g.prepare(Graph.Mode.TRAIN, 64);
            outs.add(g.sd().output(Map.of(), h).get(h));
        }
        assertEquals(outs.get(0), outs.get(1), "same seed, same masks");
        INDArray mask = a.sd().getVariable("mlp/dropout/mask").getArr();
        for (int i = 0; i < mask.length(); i++) {
            float m = mask.getFloat(i);
            assertTrue(m == 0f || m == 2f, "mask value " + m);
        }
        double kept = mask.sumNumber().doubleValue() / 2 / mask.length();
        assertTrue(Math.abs(kept - 0.5) < 0.1, "kept fraction " + kept);
        a.prepare(Graph.Mode.EVAL, 64);
        a.setDropoutEnabled(true);
        assertEquals(1.0, a.sd().getVariable("mlp/dropout/mask").getArr().minNumber().doubleValue(), "no dropout in EVAL");
        a.setDropoutEnabled(false);
        a.prepare(Graph.Mode.TRAIN, 64);
        assertEquals(1.0, a.sd().getVariable("mlp/dropout/mask").getArr().minNumber().doubleValue(), "dropout switched off");
        // the layer keeps its mask arrays between steps: each step still draws anew, and evaluation's ones stay ones
        a.setDropoutEnabled(true);
        a.prepare(Graph.Mode.TRAIN, 64);
        INDArray first = a.sd().getVariable("mlp/dropout/mask").getArr().dup();
        a.prepare(Graph.Mode.EVAL, 64);
        a.prepare(Graph.Mode.TRAIN, 64);
        INDArray second = a.sd().getVariable("mlp/dropout/mask").getArr();
        assertEquals(64, second.size(0));
        assertNotEquals(first, second, "a fresh mask per training step");
        a.prepare(Graph.Mode.EVAL, 64);
        assertEquals(1.0, a.sd().getVariable("mlp/dropout/mask").getArr().minNumber().doubleValue(), "ones again in EVAL");
        assertEquals(1.0, a.sd().getVariable("mlp/dropout/mask").getArr().maxNumber().doubleValue(), "ones again in EVAL");
        assertNotEquals(outs.get(0), outs.get(2), "another seed, other masks and weights");
    }

    @Test
    void sameSeedSameParametersAndScopedNames() {
        Graph a = model(11, 0.2), b = model(11, 0.2), c = model(12, 0.2);
        INDArray wa = a.root().child("mlp").child("linear").get("w").getArr();
        assertEquals(wa, b.root().child("mlp").child("linear").get("w").getArr());
        assertNotEquals(wa, c.root().child("mlp").child("linear").get("w").getArr());
        assertTrue(wa.amaxNumber().doubleValue() <= 1 / Math.sqrt(IN), "PyTorch default bound 1/sqrt(fan_in)");
        assertEquals("set0/cross/w1", a.root().child("set", 0).child("cross").name("w1"));
        var e = assertThrows(IllegalArgumentException.class, () -> a.root().child("a/b"));
        assertTrue(e.getMessage().contains("'a/b'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.root().get("missing"));
    }
}
