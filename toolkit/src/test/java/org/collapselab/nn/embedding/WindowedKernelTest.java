package org.collapselab.nn.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.collapselab.data.Schema;
import org.collapselab.nn.Floats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The direct kernel addresses its tables through windows of whole rows ({@code HostFloats}), 2^28 floats each, so
 * that a table above the 2^29 floats one ByteBuffer maps (NFwFM 10× at Criteo's size: 543 M) trains as any other.
 * Here the windows are made a few rows small, so that small tables span many of them: every lookup and Adam step
 * equals the kernel's with one window (bit for bit: the same arithmetic) and the NDARRAY kernel's.
 */
class WindowedKernelTest {
    static final Schema FIELDS = Schema.categorical(List.of("a", "b", "c"), 17, 5, 29);

    @ParameterizedTest(name = "{0} sets of width {1}, windows of at most {2} floats, {3}")
    @CsvSource({"1, 3, 3, DENSE_ADAM", "1, 3, 10, DENSE_ADAM", "2, 4, 24, DENSE_ADAM", "3, 2, 7, LAZY_ADAM", "2, 4, 8, LAZY_ADAM"})
    void smallWindowsTrainAsOneWindowDoes(int sets, int width, int maxWindow, Optimizer optimizer) {
        StoreSpec spec = StoreSpec.of(sets, width).withKernel(StoreSpec.Kernel.DIRECT);
        AdamConfig adam = EmbeddingStoreTest.ADAM.withOptimizer(optimizer);
        EmbeddingStore windowed = EmbeddingStore.create(FIELDS, spec, adam, 9, new DirectKernel(maxWindow));
        EmbeddingStore whole = EmbeddingStore.create(FIELDS, spec, adam, 9, new DirectKernel());
        EmbeddingStore ndarray = EmbeddingStore.create(FIELDS, spec.withKernel(StoreSpec.Kernel.NDARRAY), adam, 9);
        // rows on both sides of window boundaries, repeated rows, the first and the last row of the table
        int[] idx = {0, 17, 22, 16, 21, 50, 3, 18, 40, 16, 17, 22};
        for (int step = 0; step < 3; step++) {
            INDArray[] a = windowed.lookup(idx), b = whole.lookup(idx), c = ndarray.lookup(idx);
            INDArray[] grads = new INDArray[sets];
            for (int m = 0; m < sets; m++) {
                assertArrayEquals(Floats.of(b[m]), Floats.of(a[m]), "lookup, set " + m + ", step " + step);
                assertArrayEquals(Floats.of(c[m]), Floats.of(a[m]), 1e-6f, "lookup against NDARRAY");
                grads[m] = Nd4j.create(DataType.FLOAT, a[m].shape());
                for (int i = 0; i < grads[m].length(); i++) grads[m].putScalar(i, Math.sin(0.3 * i + m + step) * 0.1);
            }
            windowed.apply(idx, grads);
            whole.apply(idx, grads);
            ndarray.apply(idx, grads);
        }
        for (int m = 0; m < sets; m++) {
            assertArrayEquals(Floats.of(whole.table(m)), Floats.of(windowed.table(m)), "table, set " + m);
            assertArrayEquals(Floats.of(whole.firstMoments(m)), Floats.of(windowed.firstMoments(m)), "first moments");
            assertArrayEquals(Floats.of(whole.secondMoments(m)), Floats.of(windowed.secondMoments(m)), "second moments");
            EmbeddingStoreTest.assertClose(EmbeddingStoreTest.toDouble(ndarray.table(m)), windowed.table(m), 1e-6, "table against NDARRAY");
        }
        assertEquals(3, windowed.step());
    }
}
