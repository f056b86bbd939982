package org.collapselab.paper.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.collapselab.analysis.CollapseMeasure;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.FieldMeasures;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;

/** {@link MeasureClaims} on planted tables whose collapse is known: every field spread over a chosen number of directions. */
class MeasureClaimsTest {
    static final int K = 8;
    static final List<CollapseMeasure> ALL = CollapseMeasure.standard();

    /** Fields of 300 rows; field f spreads over ranks[f] directions (plus noise 1e-3). */
    static FieldMeasures planted(long seed, int... ranks) {
        Random r = new Random(seed);
        int rows = 300;
        float[] v = new float[ranks.length * rows * K];
        for (int f = 0; f < ranks.length; f++)
            for (int i = 0; i < rows; i++)
                for (int c = 0; c < K; c++) v[(f * rows + i) * K + c] = (float) ((c < ranks[f] ? r.nextGaussian() : 0) + 1e-3 * r.nextGaussian());
        int[] sizes = new int[ranks.length];
        java.util.Arrays.fill(sizes, rows);
        Schema s = Schema.categorical(org.collapselab.analysis.CollapseReport.numbered(ranks.length), sizes);
        return FieldMeasures.of(FieldIA.of(v, K, s, org.collapselab.analysis.SpectrumOptions.DEFAULT), ALL, 0);
    }

    @Test
    void everyMeasureFindsTheHealthyModelLessCollapsedAndNotTheReverse() {
        FieldMeasures collapsed = planted(1, 1, 2, 2, 1, 2, 1), healthy = planted(2, 7, 8, 6, 8, 7, 8);
        for (CollapseMeasure m : List.of(ALL.get(0), ALL.get(1), ALL.get(2), ALL.get(4))) {
            assertEquals(Verdict.HELD, MeasureClaims.lessCollapsed(m, "collapsed", collapsed, "healthy", healthy).verdict(), m.name());
            assertEquals(Verdict.NOT_HELD, MeasureClaims.lessCollapsed(m, "healthy", healthy, "collapsed", collapsed).verdict(), m.name());
        }
        // the numerical rank counts the planted noise as directions (above 1e-3 σ₁): it cannot tell the two apart
        Claim nr = MeasureClaims.lessCollapsed(ALL.get(3), "collapsed", collapsed, "healthy", healthy);
        assertTrue(nr.verdict() != Verdict.HELD && nr.reason().contains("less collapsed on 0 of 6 fields"), nr.toString());
    }

    @Test
    void theMeasuresRankPlantedFieldsAsIaDoes() {
        FieldMeasures m = planted(3, 1, 2, 3, 4, 5, 6, 7, 8);
        CollapseMeasure ia = ALL.get(0);
        for (CollapseMeasure other : List.of(ALL.get(1), ALL.get(2))) {
            Claim c = MeasureClaims.ranksFieldsAlike(other, ia, "planted", m);
            assertEquals(Verdict.HELD, c.verdict(), c.toString());
        }
        // α's least-squares fit runs over the noise floor too: it orders these fields only loosely like IA
        Claim alphaOrder = MeasureClaims.ranksFieldsAlike(ALL.get(4), ia, "planted", m);
        assertTrue(alphaOrder.value() > 0 && alphaOrder.value() < 0.9, alphaOrder.toString());
        // the numerical rank counts the noise as directions (above 1e-3 σ₁): the same on every field, no order
        assertEquals(Verdict.INCONCLUSIVE, MeasureClaims.ranksFieldsAlike(ALL.get(3), ia, "planted", m).verdict());
        assertTrue(MeasureClaims.ranksFieldsAlike(ALL.get(1), ia, "three", planted(4, 1, 4, 8)).reason().contains("too few"));
        // α is oriented: a high decay exponent is collapse, so relative to random it counts as lower
        double[] alpha = MeasureClaims.relative(ALL.get(4), m), iaRel = MeasureClaims.relative(ia, m);
        assertTrue(alpha[0] < alpha[7] && iaRel[0] < iaRel[7], "the rank-1 field is the most collapsed by both");
    }
}
