package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.collapselab.testing.FiniteDifference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whole models, SE and ME, against finite differences in double precision: every dense weight and every set's
 * embedding input (so the gradients handed to the tables are right), on a batch that reads one table row twice.
 */
class ModelGradientTest {
    static final Schema SCHEMA = Schema.categorical(List.of("a", "b", "c"), 4, 3, 5);
    static final int K = 2;

    static Stream<ModelSpec> specs() {
        Stream<ModelSpec> plain = Stream.of(ModelKind.values()).flatMap(kind -> {
            ModelSpec base = ModelSpec.builder(kind).embeddingSize(K).hidden(4, 3).build();
            return Stream.of(base, base.scale(2, EmbeddingMode.MULTI));
        });
        ModelSpec dcn = ModelSpec.builder(ModelKind.DCNV2).embeddingSize(K).hidden(4, 3).build();
        return Stream.concat(plain, Stream.of(
                dcn.toBuilder().crossRegularization(java.util.OptionalDouble.of(0.05)).build(),
                dcn.scale(3, EmbeddingMode.MULTI).toBuilder().divergenceRestriction(java.util.OptionalDouble.of(0.5)).build()));
    }

    /** Rows 0 and 3 share field a's value 2: that table row is read twice. */
    static Batch batch() {
        int[] o = SCHEMA.offsets();
        int[][] local = {{2, 0, 4}, {1, 2, 0}, {0, 1, 3}, {2, 2, 1}};
        int[] idx = new int[local.length * 3];
        for (int r = 0; r < local.length; r++) for (int f = 0; f < 3; f++) idx[r * 3 + f] = o[f] + local[r][f];
        return new Batch(4, 3, idx, new float[]{1, 0, 0, 1});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void gradientsMatchFiniteDifferences(ModelSpec spec) {
        CtrModel model = CtrModel.builder(spec, SCHEMA).seed(3).dataType(DataType.DOUBLE).build();
        model.graph().setDropoutEnabled(false);
        Map<String, INDArray> ph = model.placeholders(batch());
        model.graph().prepare(org.collapselab.nn.Graph.Mode.TRAIN, 4);
        List<String> bad = FiniteDifference.check(model.graph().sd(), "loss", ph, 8, 1.0);
        assertTrue(bad.isEmpty(), spec.label() + ":\n" + String.join("\n", bad));
        long inputs = model.graph().sd().variables().stream().filter(v -> v.name().endsWith("/ein")).count();
        assertEquals(spec.sets(), inputs, "every set's embedding input was checked");
    }

    @Test
    void theCheckCatchesAWrongGradient() {
        ModelSpec spec = ModelSpec.builder(ModelKind.DCNV2).embeddingSize(K).hidden(4, 3).build().scale(2, EmbeddingMode.MULTI);
        CtrModel model = CtrModel.builder(spec, SCHEMA).seed(3).dataType(DataType.DOUBLE).build();
        model.graph().setDropoutEnabled(false);
        Map<String, INDArray> ph = model.placeholders(batch());
        model.graph().prepare(org.collapselab.nn.Graph.Mode.TRAIN, 4);
        assertTrue(FiniteDifference.check(model.graph().sd(), "loss", ph, 8, 1.01).size() > 10, "a 1% error in every gradient is flagged");
    }
}
