package org.collapselab.analysis;

import java.util.List;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.*;

class XavierUniformTest {
    private static final Schema SCHEMA = Schema.categorical(List.of("a", "b", "c"), 2, 40, 5_000);

    @Test
    void boundIsSqrtSixOverRowsPlusCols() {
        assertEquals(Math.sqrt(6.0 / (5_042 + 10)), XavierUniform.bound(5_042, 10), 1e-15);
        assertEquals(0.1, XavierUniform.bound(590, 10), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> XavierUniform.bound(0, 10));
    }

    @Test
    void sameSeedSameTableOtherSeedOtherTable() {
        INDArray a = XavierUniform.table(SCHEMA, 10, 7), b = XavierUniform.table(SCHEMA, 10, 7);
        INDArray c = XavierUniform.table(SCHEMA, 10, 8);
        assertArrayEquals(a.data().asFloat(), b.data().asFloat());
        assertFalse(a.equalsWithEps(c, 0), "seeds 7 and 8 give the same table");
        FieldIA ra = FieldIA.randomBaseline(SCHEMA, 10, 7), rb = FieldIA.randomBaseline(SCHEMA, 10, 7);
        FieldIA rc = FieldIA.randomBaseline(SCHEMA, 10, 8);
        assertEquals(ra, rb);
        assertNotEquals(ra.ia("c"), rc.ia("c"));
    }

    @Test
    void valuesAreUniformWithinTheXavierBoundOfTheWholeTable() {
        int k = 10, rows = SCHEMA.totalRows();
        float bound = (float) Math.sqrt(6.0 / (rows + k));
        float[] v = XavierUniform.table(SCHEMA, k, 3).data().asFloat();
        assertEquals((long) rows * k, v.length);
        double max = 0, mean = 0, meanSq = 0;
        for (float x : v) {
            assertTrue(Math.abs(x) <= bound, x + " exceeds bound " + bound);
            max = Math.max(max, Math.abs(x));
            mean += x;
            meanSq += (double) x * x;
        }
        mean /= v.length;
        meanSq /= v.length;
        assertTrue(max > 0.999 * bound, "values reach the bound: max " + max);
        assertEquals(0, mean, 0.02 * bound);
        assertEquals(bound * bound / 3.0, meanSq, 0.02 * bound * bound, "variance of U[-b, b] is b²/3");
    }

    @Test
    void randomTableIsFarFromCollapsed() {
        FieldIA random = FieldIA.randomBaseline(SCHEMA, 10, 1);
        assertTrue(random.ia("a") >= 1 && random.ia("a") <= 2 + 1e-9, "2 rows give IA in [1, 2]: " + random.ia("a"));
        assertTrue(random.ia("c") > 9, "5,000 random rows in 10 dims: IA " + random.ia("c"));
    }
}
