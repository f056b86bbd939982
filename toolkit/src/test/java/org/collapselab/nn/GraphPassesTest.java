package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** The two passes of a graph: shared weights, names checked per pass, and an evaluation pass without training's ops. */
class GraphPassesTest {
    @Test
    void thePassesShareTheirArraysAndANameIsCreatedOncePerPass() {
        Graph g = Graph.create(DataType.FLOAT, 1);
        Scope s = g.root().child("mlp");
        SDVariable train = g.build(Graph.Mode.TRAIN, () -> s.variable("w", Init.uniform(1), 3, 2));
        SDVariable eval = g.build(Graph.Mode.EVAL, () -> s.variable("w", Init.uniform(1), 3, 2));
        assertSame(train.getArr(), eval.getArr());
        var twice = assertThrows(IllegalStateException.class, () -> g.build(Graph.Mode.TRAIN, () -> {
            s.variable("b", Init.zeros(), 1, 2);
            return s.variable("b", Init.zeros(), 1, 2);
        }));
        assertTrue(twice.getMessage().contains("mlp/b"), twice.getMessage());
        var shape = assertThrows(IllegalStateException.class, () -> g.build(Graph.Mode.EVAL, () -> s.variable("w", Init.uniform(1), 2, 3)));
        assertTrue(shape.getMessage().contains("[3, 2]"), shape.getMessage());
    }

    @Test
    void inferenceRunsNoBatchStatisticsAndNoDropout() {
        Graph g = GraphTest.model(3, 0.5);
        List<String> ran = new ArrayList<>();
        g.sd().addListeners(new BaseListener() {
            @Override
            public boolean isActive(Operation operation) {
                return true;
            }

            @Override
            public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
                for (String in : op.getInputsToOp()) ran.add(in);
            }
        });
        g.feed(g.embeddingInputs().get(0), GraphTest.rows(8, 4));
        g.prepare(Graph.Mode.EVAL, 8);
        var outputLayers = java.util.Arrays.stream(g.sd().ops()).filter(o -> java.util.Arrays.asList(o.argNames()).contains("out/w")).toList();
        assertEquals(2, outputLayers.size(), "one output layer per pass");
        g.sd().output(Map.of(), outputLayers.get(1).outputVariablesNames()[0]);     // the EVAL pass is built second
        assertFalse(ran.isEmpty());
        assertFalse(ran.contains("batch_ones") || ran.contains("mlp/dropout/mask"), "evaluation read " + ran);
        assertTrue(ran.contains("mlp/bn/running_mean") && ran.contains("mlp/bn/running_var"), "evaluation read " + ran);
        ran.clear();
        GraphTest.fit(g, GraphTest.rows(8, 4));
        assertTrue(ran.contains("batch_ones") && ran.contains("mlp/dropout/mask"), "training read " + ran);
        assertFalse(ran.contains("mlp/bn/running_mean"), "training read the running mean");
    }
}
