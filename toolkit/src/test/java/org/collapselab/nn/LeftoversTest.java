package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * {@link Leftovers}: what SameDiff M2.1 leaves outside its array cache after a pass goes back into it, and reusing those
 * arrays changes nothing computed (against a graph trained by SameDiff's own {@code fit}, a new session per step).
 */
class LeftoversTest {
    @Test
    void aTrainingStepLeavesNothingOutsideTheCacheAndTrainsAsBefore() {
        Graph reference = GraphTest.model(3, 0.3), graph = GraphTest.model(3, 0.3);
        List<Integer> beforeRelease = new ArrayList<>();
        // runs at the end of SameDiff's training iteration, before Graph.fit gives the leftovers back
        graph.sd().addListeners(new BaseListener() {
            @Override
            public boolean isActive(Operation operation) {
                return operation == Operation.TRAINING;
            }

            @Override
            public void iterationDone(SameDiff sd, At at, MultiDataSet data, Loss loss) {
                beforeRelease.add(Leftovers.find(graph.trainingSession(), graph.sd().getFunction("grad")).size());
            }
        });
        int step = 0;
        for (int b : new int[]{6, 6, 5, 6, 6}) {
            INDArray x = GraphTest.rows(b, 40 + step);
            GraphTest.fit(reference, x);
            graph.feed(graph.embeddingInputs().get(0), x);
            graph.prepare(Graph.Mode.TRAIN, b);
            graph.fit(GraphTest.labels(b));
            String at = "step " + step + " (batch " + b + ")";
            assertEquals(List.of(), shapes(Leftovers.find(graph.trainingSession(), graph.sd().getFunction("grad"))), at + ": left outside the cache");
            assertEquals(reference.gradient(reference.embeddingInputs().get(0)), graph.gradient(graph.embeddingInputs().get(0)), at + ": embedding gradient");
            reference.stateArrays().forEach((name, a) -> assertEquals(a, graph.stateArrays().get(name), at + ": " + name));

            // an inference pass between the steps draws from and returns to the graph's pool
            INDArray rows = GraphTest.rows(b, 90 + step);
            reference.feed(reference.embeddingInputs().get(0), rows);
            reference.prepare(Graph.Mode.EVAL, b);
            graph.feed(graph.embeddingInputs().get(0), rows);
            graph.prepare(Graph.Mode.EVAL, b);
            INDArray expected = reference.sd().output(Map.of(), GraphTest.EVAL_LOGIT).get(GraphTest.EVAL_LOGIT).dup();
            assertEquals(expected, graph.output(GraphTest.EVAL_LOGIT).get(GraphTest.EVAL_LOGIT), at + ": predictions");
            var session = graph.sd().getSessions().get(Thread.currentThread().getId());
            assertEquals(List.of(), shapes(Leftovers.find(session, graph.sd())), at + ": inference left outside the cache");
            step++;
        }
        // what the release is for: SameDiff's own pass leaves outputs (at least the dense gradients) outside its cache
        assertEquals(5, beforeRelease.size());
        assertTrue(beforeRelease.stream().allMatch(n -> n > 0), "leftovers before the release, per step: " + beforeRelease);
    }

    /**
     * Training and inference draw from one pool: after a few steps of each at a batch size, alternating them allocates
     * nothing new. (With M2.1's cache, a session each and arrays known by id, every xDeepFM SE 4× training step allocated 300 MB
     * afresh, and every prediction between steps a second set of the training arrays.)
     */
    @Test
    void alternatingTrainingAndInferenceAllocatesNothingNewAfterTheFirstOfEach() {
        Graph graph = GraphTest.model(5, 0.3);
        long[] created = new long[12];
        for (int step = 0; step < created.length; step++) {
            graph.feed(graph.embeddingInputs().get(0), GraphTest.rows(6, 70 + step));
            graph.prepare(Graph.Mode.TRAIN, 6);
            graph.fit(GraphTest.labels(6));
            graph.gradient(graph.embeddingInputs().get(0));
            graph.feed(graph.embeddingInputs().get(0), GraphTest.rows(6, 80 + step));
            graph.prepare(Graph.Mode.EVAL, 6);
            graph.output(GraphTest.EVAL_LOGIT);
            created[step] = graph.pool().created();
        }
        assertSame(graph.pool(), graph.sd().getSessions().get(Thread.currentThread().getId()).getMmgr());
        // SameDiff's order of execution varies the most arrays of a shape a pass has out at once: a few steps fill the pool
        assertTrue(created[0] > 0);
        assertEquals(created[5], created[11], "arrays created by the end of each step: " + java.util.Arrays.toString(created));
    }

    @Test
    void theCallersOutputsAreItsOwn() {
        Graph graph = GraphTest.model(4, 0);
        INDArray first = null;
        for (int b : new int[]{5, 5}) {
            graph.feed(graph.embeddingInputs().get(0), GraphTest.rows(b, b));
            graph.prepare(Graph.Mode.EVAL, b);
            INDArray out = graph.output(GraphTest.EVAL_LOGIT).get(GraphTest.EVAL_LOGIT);
            if (first == null) first = out;
            else assertFalse(out == first || out.data().address() == first.data().address(), "a later pass reused an array the caller holds");
        }
        INDArray again = first.dup();
        graph.feed(graph.embeddingInputs().get(0), GraphTest.rows(5, 7));
        graph.prepare(Graph.Mode.EVAL, 5);
        graph.output(GraphTest.EVAL_LOGIT);
        assertEquals(again, first, "a held output changed when the next pass ran");
    }

    private static List<String> shapes(List<INDArray> arrays) {
        return arrays.stream().map(a -> java.util.Arrays.toString(a.shape())).toList();
    }
}
