package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link Graph#fit}, one training session for every step, against SameDiff's own {@code fit} (a new session per call). */
class GraphFitTest {
    @Test
    void fitMatchesSameDiffsOwnLoopBitForBit() {
        Graph reference = GraphTest.model(7, 0.3), graph = GraphTest.model(7, 0.3);
        SDVariable refIn = reference.embeddingInputs().get(0), in = graph.embeddingInputs().get(0);
        int step = 0;
        // batch sizes change, so the kept session meets new shapes and shapes it has cached arrays for
        for (int b : new int[]{6, 6, 5, 7, 6, 5}) {
            INDArray x = GraphTest.rows(b, 100 + step);
            GraphTest.fit(reference, x);
            graph.feed(in, x);
            graph.prepare(Graph.Mode.TRAIN, b);
            graph.fit(GraphTest.labels(b));
            String at = "step " + step + " (batch " + b + ")";
            INDArray refGrad = reference.gradient(refIn), grad = graph.gradient(in);
            assertNotNull(grad, at + ": no embedding gradient captured");
            assertEquals(refGrad, grad, at + ": embedding gradient");
            assertSameArrays(reference.stateArrays(), graph.stateArrays(), at + ": weights and running statistics");
            assertSameArrays(reference.optimizerState(), graph.optimizerState(), at + ": Adam's moments");
            assertArrayEquals(reference.optimizerCounters(), graph.optimizerCounters(), at + ": step counter");
            step++;
        }
        assertEquals(6, graph.optimizerCounters()[0], "one optimiser step per fit");
    }

    @Test
    void fitNeedsATrainingConfiguration() {
        Graph g = Graph.create(DataType.FLOAT, 1);
        SDVariable ein = g.embeddingInput(g.root().child("set", 0), 2);
        g.sd().setLossVariables(ein.sum());
        var e = assertThrows(IllegalStateException.class, () -> g.fit(GraphTest.labels(2)));
        assertTrue(e.getMessage().contains("training configuration"), e.getMessage());
    }

    private static void assertSameArrays(Map<String, INDArray> expected, Map<String, INDArray> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        expected.forEach((name, arr) -> assertEquals(arr, actual.get(name), what + ": " + name));
    }
}
