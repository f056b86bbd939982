package org.collapselab.model;

import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of a model's weights at one moment: the dense arrays (weights, BatchNorm running statistics) and every
 * set's embedding table. What early stopping restores at the end of training; optimiser state is not included.
 */
public record ModelState(Map<String, INDArray> dense, List<INDArray> tables) {
    public ModelState {
        dense = Map.copyOf(dense);
        tables = List.copyOf(tables);
    }
}
