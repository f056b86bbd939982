package org.collapselab.experiment.claim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class PerScaleTest {
    private static Table sweep(double... scales) {
        int n = scales.length;
        StringColumn variant = StringColumn.create(PerScale.VARIANT);
        DoubleColumn auc = DoubleColumn.create("test AUC");
        for (int i = 0; i < n; i++) {
            variant.append(i % 2 == 0 ? "DNN" : "DCNv2");
            auc.append(0.7 + i / 1000.0);
        }
        // scale as doubles, as a CSV round trip may read it
        return Table.create("sweep", variant, DoubleColumn.create(PerScale.SCALE, scales), auc);
    }

    @Test
    void oneValuePerSeedInRowOrderByScale() {
        // rows: DNN 4×, DCNv2 4×, DNN 1×, DCNv2 1×, DNN 4× (second seed)
        SortedMap<Integer, double[]> dnn = PerScale.of(sweep(4, 4, 1, 1, 4), "DNN", "test AUC");
        assertEquals(List.of(1, 4), List.copyOf(dnn.keySet()));
        assertArrayEquals(new double[]{0.702}, dnn.get(1), 1e-12);
        assertArrayEquals(new double[]{0.700, 0.704}, dnn.get(4), 1e-12);
    }

    @Test
    void anUnknownVariantOrAFractionalScaleIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> PerScale.of(sweep(1, 2), "FFM", "test AUC"));
        assertTrue(e.getMessage().contains("'FFM'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PerScale.of(sweep(1.5, 2), "DNN", "test AUC"));
    }
}
