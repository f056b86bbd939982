package org.collapselab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TensorFile} on files PyTorch and NumPy wrote ({@code src/test/python/make_fixtures.py}). */
class TensorFileTest {
    static Path fixture(String name) throws Exception {
        return Path.of(TensorFileTest.class.getResource("/models/" + name).toURI());
    }

    @Test
    void aStateDictListsItsTensorsInStateDictOrderWithDtypeAndShape() throws Exception {
        TensorFile f = TensorFile.open(fixture("dcnv2_state_dict.pt"));
        assertEquals("torch.save (zip)", f.format());
        assertEquals(List.of("embedding.embedding.weight", "cross.0.weight", "cross.0.bias", "cross.1.weight", "cross.1.bias", "mlp.0.weight", "mlp.0.bias",
                "mlp.1.weight", "mlp.1.bias", "mlp.1.running_mean", "mlp.1.running_var", "mlp.1.num_batches_tracked", "mlp.3.weight", "mlp.3.bias"),
                f.tensors().stream().map(TensorInfo::name).toList(), "model.state_dict().keys(), in order");
        assertEquals("mlp.1.num_batches_tracked [] int64", f.tensors().get(11).toString());
        assertEquals(List.of("embedding.embedding.weight"), f.select(null));
        // a checkpoint holding the state_dict: the same tensors under its key, the same values
        TensorFile c = TensorFile.open(fixture("checkpoint.pt"));
        assertEquals(f.matrix("embedding.embedding.weight"), c.matrix("model_state_dict.embedding.embedding.weight"));
    }

    @Test
    void stridedViewsReadTheValuesOfTheirBase() throws Exception {
        TensorFile f = TensorFile.open(fixture("views.pt"));
        float[] base = f.matrix("base").values();
        MatrixFile t = f.matrix("transposed"), s = f.matrix("sliced");    // base[:, :6].t() and base[5:, 3:9]
        assertEquals(6, t.rows());
        assertEquals(62, t.cols());
        assertTrue(t.layout().contains("strided view"), t.layout());
        for (int r = 0; r < 6; r++) for (int c = 0; c < 62; c++) assertEquals(base[c * 62 + r], t.values()[r * 62 + c], 0);
        for (int r = 0; r < 57; r++) for (int c = 0; c < 6; c++) assertEquals(base[(5 + r) * 62 + 3 + c], s.values()[r * 6 + c], 0);
    }

    @Test
    void lowPrecisionTensorsWidenExactly() throws Exception {
        TensorFile f = TensorFile.open(fixture("half.pt"));
        assertEquals(List.of("float16", "bfloat16", "float64"), f.tensors().stream().map(TensorInfo::dtype).toList(), "the dict's order");
        // the float64 tensor holds the float32 table of dcnv2_state_dict.pt, widened: it narrows back exactly
        assertEquals(TensorFile.open(fixture("dcnv2_state_dict.pt")).matrix("embedding.embedding.weight"), f.matrix("emb_f64"));
        // safetensors: the bfloat16 copy of a float32 table is that table with its mantissa rounded to 8 bits
        TensorFile st = TensorFile.open(fixture("table.safetensors"));
        float[] full = st.matrix("emb.weight").values(), bf = st.matrix("emb_bf16.weight").values();
        for (int i = 0; i < full.length; i++) assertEquals(full[i], bf[i], Math.abs(full[i]) / 256, "bfloat16 keeps 8 bits of mantissa");
    }

    @Test
    void aSafetensorsFileIsToldByItsContentWhateverItsName(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path renamed = java.nio.file.Files.copy(fixture("table.safetensors"), tmp.resolve("weights.st"));
        TensorFile f = TensorFile.open(renamed);
        assertEquals(".safetensors", f.format());
        assertEquals(TensorFile.open(fixture("table.safetensors")).matrix("emb.weight"), f.matrix("emb.weight"));
    }

    @Test
    void halfPrecisionDecodesByItsClosedForm() {
        assertEquals(1.0f, ElementType.halfToFloat((short) 0x3C00));
        assertEquals(-2.0f, ElementType.halfToFloat((short) 0xC000));
        assertEquals(65504f, ElementType.halfToFloat((short) 0x7BFF), "the largest half");
        assertEquals(0x1p-24f, ElementType.halfToFloat((short) 0x0001), "the smallest subnormal");
        assertEquals(0x1p-14f, ElementType.halfToFloat((short) 0x0400), "the smallest normal");
        assertEquals(0x3FFp-24f, ElementType.halfToFloat((short) 0x03FF), "the largest subnormal");
        assertEquals(-0.0f, ElementType.halfToFloat((short) 0x8000));
        assertEquals(Float.POSITIVE_INFINITY, ElementType.halfToFloat((short) 0x7C00));
        assertTrue(Float.isNaN(ElementType.halfToFloat((short) 0x7E00)));
        assertEquals(0.333251953125f, ElementType.halfToFloat((short) 0x3555), "1/3 rounded to half");
    }

    @Test
    void npzMembersAreTensorsByName() throws Exception {
        TensorFile f = TensorFile.open(fixture("tables.npz"));
        assertEquals(".npz", f.format());
        assertEquals(List.of("first [62, 6] float32", "second [62, 6] float64"), f.tensors().stream().map(TensorInfo::toString).toList());
        assertEquals(f.matrix("first").values().length, TensorFile.open(fixture("tables_compressed.npz")).matrix("first").values().length);
        assertEquals(f.matrix("first"), TensorFile.open(fixture("tables_compressed.npz")).matrix("first"), "deflated members read the same");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.select(null));
        assertTrue(e.getMessage().contains("choose the table with --key") && e.getMessage().contains("first [62, 6] float32"), e.getMessage());
    }
}
