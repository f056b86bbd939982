package org.collapselab.analysis;

import java.util.List;
import org.collapselab.analysis.SpectrumOptions.Solver;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.*;

class FieldIATest {
    private static final int K = 8;
    private static final Schema SCHEMA = Schema.categorical(List.of("one", "tiny", "small", "mid", "large", "huge"),
            1, 3, 7, 50, 400, 3_000);

    /** A concatenated table whose fields have different spectra (field f: column decay 0.3 + 0.1·f). */
    private static float[] concatenated() {
        int[] cards = SCHEMA.cardinalities();
        float[] table = new float[SCHEMA.totalRows() * K];
        int at = 0;
        for (int f = 0; f < cards.length; f++) {
            float[] part = TestMatrices.decaying(cards[f], K, 0.3 + 0.1 * f, 31 + f);
            System.arraycopy(part, 0, table, at, part.length);
            at += part.length;
        }
        return table;
    }

    @Test
    void perFieldIAEqualsIAOfEachFieldsSliceBuiltIndependently() {
        float[] table = concatenated();
        INDArray nd = TestMatrices.asFloat(table, SCHEMA.totalRows(), K);
        for (SpectrumOptions options : List.of(SpectrumOptions.DEFAULT, SpectrumOptions.RAW)) {
            FieldIA result = FieldIA.of(nd, SCHEMA, options);
            assertEquals(SCHEMA.names(), result.fields());
            assertArrayEquals(SCHEMA.cardinalities(), result.cardinalities());
            assertEquals(K, result.k());
            int start = 0;
            for (int f = 0; f < SCHEMA.size(); f++) {
                int c = SCHEMA.cardinality(f);
                float[] slice = new float[c * K];
                for (int i = 0; i < c; i++)
                    for (int j = 0; j < K; j++) slice[i * K + j] = table[(start + i) * K + j];
                start += c;
                double expected = InformationAbundance.of(slice, c, K, options.with(Solver.SVD));
                String name = SCHEMA.field(f).name();
                assertEquals(expected, result.ia(name), 1e-6, name);
                assertEquals(expected, result.ia()[f], 1e-6, name);
                assertEquals(Math.min(c, K), result.spectrum(name).size(), name);
            }
            assertEquals(1, result.ia("one"), 1e-12, "a single row is rank 1");
            // the float[] adapter and a double table give the same result
            assertArrayEquals(result.ia(), FieldIA.of(table, K, SCHEMA, options).ia(), 1e-12);
            assertArrayEquals(result.ia(), FieldIA.of(nd.castTo(DataType.DOUBLE), SCHEMA, options).ia(), 1e-6);
        }
    }

    @Test
    void tableSummarisesIAPerField() {
        FieldIA result = FieldIA.of(concatenated(), K, SCHEMA);
        Table t = result.table();
        assertEquals("IA per field", t.name());
        assertEquals(List.of("field", "cardinality", "IA", "IA/K"), t.columnNames());
        assertEquals(SCHEMA.size(), t.rowCount());
        for (int f = 0; f < SCHEMA.size(); f++) {
            assertEquals(SCHEMA.field(f).name(), t.stringColumn("field").get(f));
            assertEquals(SCHEMA.cardinality(f), t.intColumn("cardinality").get(f));
            assertEquals(result.ia()[f], t.doubleColumn("IA").get(f));
            assertEquals(result.ia()[f] / K, t.doubleColumn("IA/K").get(f), 1e-15);
        }
        FieldIA random = FieldIA.randomBaseline(SCHEMA, K, 5);
        Table vs = result.versus(random);
        assertEquals(result.ia()[4] / random.ia()[4], vs.doubleColumn("IA / baseline").get(4), 1e-12);
    }

    @Test
    void mismatchedTableAndBadValuesAreReportedWithTheFieldName() {
        float[] table = concatenated();
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> FieldIA.of(TestMatrices.asFloat(table, SCHEMA.totalRows(), K).getRows(0, 1, 2), SCHEMA));
        assertTrue(rows.getMessage().contains("3 rows") && rows.getMessage().contains("3461"), rows.getMessage());

        int badRow = SCHEMA.offset(4) + 17;     // field "large", its 18th row
        table[badRow * K + 5] = Float.POSITIVE_INFINITY;
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> FieldIA.of(table, K, SCHEMA));
        String msg = inf.getMessage();
        assertTrue(msg.contains("'large'") && msg.contains("row " + badRow) && msg.contains("column 5")
                && msg.contains("Infinity"), msg);
    }
}
