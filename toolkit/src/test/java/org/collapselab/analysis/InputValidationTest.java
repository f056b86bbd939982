package org.collapselab.analysis;

import org.collapselab.analysis.SpectrumOptions.Solver;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class InputValidationTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void nanAndInfinityNameTheRowAndColumn() {
        for (Solver solver : Solver.values()) {
            float[] a = TestMatrices.gaussian(20, 4, 41);
            a[7 * 4 + 2] = Float.NaN;
            String nan = message(() -> InformationAbundance.of(a, 20, 4, SpectrumOptions.DEFAULT.with(solver)));
            assertTrue(nan.contains("row 7") && nan.contains("column 2") && nan.contains("NaN"), nan);
            a[7 * 4 + 2] = 0;
            a[19 * 4] = Float.NEGATIVE_INFINITY;
            String inf = message(() -> Spectrum.of(TestMatrices.asFloat(a, 20, 4), SpectrumOptions.RAW.with(solver)));
            assertTrue(inf.contains("row 19") && inf.contains("column 0") && inf.contains("-Infinity"), inf);
        }
    }

    @Test
    void wrongShapesAreRejected() {
        String len = message(() -> InformationAbundance.of(new float[10], 3, 4));
        assertTrue(len.contains("3 x 4") && len.contains("12") && len.contains("10"), len);
        String empty = message(() -> InformationAbundance.of(new float[0], 0, 4));
        assertTrue(empty.contains("empty"), empty);
        String rank = message(() -> InformationAbundance.of(Nd4j.zeros(DataType.FLOAT, 2, 3, 4)));
        assertTrue(rank.contains("2-D") && rank.contains("[2, 3, 4]"), rank);
        String ndEmpty = message(() -> Spectrum.of(Nd4j.create(DataType.FLOAT, 0, 5)));
        assertTrue(ndEmpty.contains("empty"), ndEmpty);
        String ints = message(() -> Spectrum.of(Nd4j.zeros(DataType.INT, 3, 3)));
        assertTrue(ints.contains("INT"), ints);
    }

    @Test
    void halfPrecisionIsAccepted() {
        double[] d = {3, 0, 0, 4, 0, 0};
        assertEquals(1.75, InformationAbundance.of(Nd4j.create(d, new long[]{3, 2}, 'c').castTo(DataType.HALF),
                SpectrumOptions.RAW), 1e-6);
    }
}
