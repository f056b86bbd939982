package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.collapselab.data.Batch;
import org.collapselab.data.Schema;
import org.collapselab.nn.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class CtrModelTest {
    @TempDir
    Path tmp;

    static final Schema SCHEMA = ModelGradientTest.SCHEMA;

    private static ModelSpec dcn() {
        return ModelSpec.builder(ModelKind.DCNV2).embeddingSize(2).hidden(4, 3).build();
    }

    @Test
    void fitReturnsTheBatchLogLossBeforeTheUpdate() {
        CtrModel m = CtrModel.build(dcn().scale(2, EmbeddingMode.MULTI), SCHEMA, 4);
        m.graph().setDropoutEnabled(false);
        Batch b = ModelGradientTest.batch();
        Map<String, INDArray> ph = m.placeholders(b);
        m.graph().prepare(Graph.Mode.TRAIN, b.size());
        double expected = m.graph().sd().output(ph, "bce").get("bce").getDouble(0);    // SameDiff's own loss op
        assertEquals(expected, m.fit(b), 1e-6);
        assertNotEquals(expected, m.fit(b), 1e-6, "the step changed the model");
    }

    @Test
    void sameSeedSameModelOtherSeedOtherModel() {
        Batch b = ModelGradientTest.batch();
        float[] a = CtrModel.build(dcn(), SCHEMA, 1).predict(b), c = CtrModel.build(dcn(), SCHEMA, 1).predict(b), d = CtrModel.build(dcn(), SCHEMA, 2).predict(b);
        assertArrayEquals(a, c);
        assertTrue(Math.abs(a[0] - d[0]) > 1e-6);
    }

    @Test
    void saveAndLoadGiveIdenticalPredictionsAndTraining() throws IOException {
        ModelSpec spec = ModelSpec.builder(ModelKind.XDEEPFM).embeddingSize(2).hidden(4, 3).build().scale(2, EmbeddingMode.MULTI);
        CtrModel a = CtrModel.build(spec, SCHEMA, 7);
        Batch b = ModelGradientTest.batch();
        for (int i = 0; i < 3; i++) a.fit(b);
        ModelCheckpoint.save(a, tmp.resolve("ckpt"));
        CtrModel c = CtrModel.build(spec, SCHEMA, 7);
        assertTrue(Math.abs(c.predict(b)[0] - a.predict(b)[0]) > 1e-6, "a fresh model differs before loading");
        ModelCheckpoint.load(c, tmp.resolve("ckpt"));
        assertArrayEquals(a.predict(b), c.predict(b));
        // the optimiser state came along: one more step agrees too (dropout off: masks are not part of a checkpoint)
        a.graph().setDropoutEnabled(false);
        c.graph().setDropoutEnabled(false);
        assertEquals(a.fit(b), c.fit(b), 0);
        assertArrayEquals(a.predict(b), c.predict(b));
        assertEquals(a.embeddings().table(1), c.embeddings().table(1));
    }

    @Test
    void aCheckpointOfAnotherModelOrACorruptOneIsRefused() throws IOException {
        CtrModel a = CtrModel.build(dcn(), SCHEMA, 7);
        ModelCheckpoint.save(a, tmp.resolve("ckpt"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.load(CtrModel.build(dcn(), SCHEMA, 8), tmp.resolve("ckpt")));
        assertTrue(e.getMessage().contains("is of another model"), e.getMessage());
        try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("ckpt/dense.bin").toFile(), "rw")) {
            f.seek(40);
            int v = f.read();
            f.seek(40);
            f.write(v ^ 1);
        }
        // the checkpoint's sealed properties name dense.bin's digest: a changed byte is caught before the file is read
        e = assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.load(CtrModel.build(dcn(), SCHEMA, 7), tmp.resolve("ckpt")));
        assertTrue(e.getMessage().contains("dense.bin is not the file this checkpoint was saved with"), e.getMessage());
    }

    @Test
    void snapshotAndRestore() {
        CtrModel m = CtrModel.build(dcn(), SCHEMA, 1);
        Batch b = ModelGradientTest.batch();
        ModelState s = m.snapshot();
        float[] before = m.predict(b);
        for (int i = 0; i < 3; i++) m.fit(b);
        assertTrue(Math.abs(m.predict(b)[0] - before[0]) > 1e-6);
        m.restore(s);
        assertArrayEquals(before, m.predict(b));
    }

    @Test
    void aModelOverTheMemoryBudgetFailsBeforeAllocating() {
        Schema big = Schema.categorical(List.of("a", "b"), 50_000_000, 50_000_000);
        ModelSpec spec = ModelSpec.of(ModelKind.DCNV2).scale(10, EmbeddingMode.SINGLE);
        ModelTooLargeException e = assertThrows(ModelTooLargeException.class,
                () -> CtrModel.builder(spec, big).memoryBudget(4_000_000_000L).build());
        assertEquals(4_000_000_000L, e.budget());
        assertTrue(e.estimate().total() > e.budget(), "the estimate it carries is the one over budget: " + e.estimate());
        // 2 sets of nothing: 1e8 rows × K=100 × 4 bytes × 3 (table + Adam moments) = 120 GB
        assertTrue(e.getMessage().startsWith("DCNv2 SE K100 on 2 fields with 100000000 embedding rows needs about 12"), e.getMessage());
        assertTrue(e.getMessage().contains("(embeddings 120.0 GB,"), e.getMessage());
        assertTrue(e.getMessage().contains("over the memory budget of 4.0 GB"), e.getMessage());
    }

    @Test
    void parameterSummaryNamesComponents() {
        CtrModel m = CtrModel.build(dcn().scale(2, EmbeddingMode.MULTI), SCHEMA, 1);
        ParameterSummary p = ParameterSummary.of(m);
        long d = 3 * 2;    // F·K
        assertEquals(12 * 2, p.of("embeddings/set0"));
        assertEquals(4 * (d * d + d), p.of("set1/interaction"));
        assertEquals(d * 4 + 4 + 2 * 4, p.of("set0/block0"));
        assertEquals(p.embedding() + p.dense(), p.total());
        assertEquals(p.total(), (long) p.table().longColumn("parameters").get(p.table().rowCount() - 1));
    }

    @Test
    void crossWeightsAreThoseOfTheGraph() {
        CtrModel m = CtrModel.build(dcn().scale(2, EmbeddingMode.MULTI), SCHEMA, 1);
        assertEquals(m.graph().sd().getVariable("set1/interaction/layer0/w").getArr(), m.crossWeight(1, 0));
        assertArrayEquals(new long[]{6, 6}, m.crossWeight(0, 3).shape());
        assertThrows(IllegalStateException.class, () -> CtrModel.build(ModelSpec.builder(ModelKind.DNN).embeddingSize(2).build(), SCHEMA, 1).crossWeight(0, 0));
    }

    @Test
    void specsAreValidatedWithTheBadValueInTheMessage() {
        assertEquals("DCNv2: single-embedding means one set, got 3 (use EmbeddingMode.MULTI)",
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder(ModelKind.DCNV2).sets(3).build()).getMessage());
        assertEquals("DNN: the cross-network regulariser (Evidence III) applies to DCNv2 only",
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder(ModelKind.DNN).regularizedCross().build()).getMessage());
        assertEquals("DCNv2: the divergence restriction (Fig. 9d) applies to ME DCNv2 with at least 2 sets, got SE with 1 set(s)",
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder(ModelKind.DCNV2).restrictDivergence().build()).getMessage());
        assertEquals("scale factor must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> ModelSpec.of(ModelKind.DNN).scale(0, EmbeddingMode.MULTI)).getMessage());
        ModelSpec me = ModelSpec.of(ModelKind.NFWFM).scale(4, EmbeddingMode.MULTI), se = ModelSpec.of(ModelKind.NFWFM).scale(4, EmbeddingMode.SINGLE);
        assertEquals(List.of(4, 50, 1, 200), List.of(me.sets(), me.embeddingSize(), se.sets(), se.embeddingSize()));
    }
}
