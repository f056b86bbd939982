package org.collapselab.experiment.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ScalingClaimsTest {
    private static double[] v(double... x) {
        return x;
    }

    private static Table runs(Object[][] rows) {
        StringColumn model = StringColumn.create(ScalingClaims.MODEL), mode = StringColumn.create(ScalingClaims.MODE);
        IntColumn scale = IntColumn.create(ScalingClaims.SCALE);
        DoubleColumn auc = DoubleColumn.create(ScalingClaims.TEST_AUC);
        for (Object[] r : rows) {
            model.append((String) r[0]);
            mode.append((String) r[1]);
            scale.append((Integer) r[2]);
            auc.append((Double) r[3]);
        }
        return Table.create("runs", model, mode, scale, auc);
    }

    @Test
    void bothClaimsPerModelFromTheSeedMeans() {
        Table t = runs(new Object[][]{
                {"DNN", "SE", 1, 0.70}, {"DNN", "SE", 1, 0.72}, {"DNN", "SE", 2, 0.705}, {"DNN", "ME", 2, 0.72}, {"DNN", "ME", 2, 0.72},
                {"DCNv2", "SE", 1, 0.70}, {"DCNv2", "SE", 2, 0.71}, {"DCNv2", "ME", 2, 0.705}});
        List<Claim> c = ScalingClaims.of(t);
        assertEquals(4, c.size());
        // DNN: base mean 0.71, SE 2× 0.705 (−0.005 < 0.001: held), ME 2× 0.72 > max(0.71, 0.705) by 0.01
        assertEquals(Verdict.HELD, c.get(0).verdict());
        assertEquals(-0.005, c.get(0).value(), 1e-12);
        assertEquals(Verdict.HELD, c.get(1).verdict());
        assertEquals(0.01, c.get(1).value(), 1e-12);
        // DCNv2: SE gains 0.01 ≥ 0.001; ME 0.705 < SE 0.71
        assertEquals(Verdict.NOT_HELD, c.get(2).verdict());
        assertEquals(Verdict.NOT_HELD, c.get(3).verdict());
        assertEquals(-0.005, c.get(3).value(), 1e-12);
        assertTrue(c.get(2).statement().contains("DCNv2"), c.get(2).statement());
    }

    @Test
    void theSignificantGainIsTheBoundary() {
        Map<Integer, double[]> me = Map.of(2, v(0.8));
        assertEquals(Verdict.HELD, ScalingClaims.seDoesNotScale("m", Map.of(1, v(0.7), 2, v(0.7009)), me).verdict());
        assertEquals(Verdict.NOT_HELD, ScalingClaims.seDoesNotScale("m", Map.of(1, v(0.7), 2, v(0.7011)), me).verdict());
    }

    @Test
    void theLargestScaleWithBothModesIsJudged() {
        // SE 4× was left out (over the memory budget): judged at 2×, where ME 0.69 is below the base
        Map<Integer, double[]> se = Map.of(1, v(0.70), 2, v(0.68)), me = Map.of(2, v(0.69), 4, v(0.75));
        Claim c = ScalingClaims.meImprovesWithSize("m", se, me);
        assertEquals(Verdict.NOT_HELD, c.verdict());
        assertEquals(0.69 - 0.70, c.value(), 1e-12);
        assertTrue(c.reason().startsWith("2×"), c.reason());
        assertTrue(c.reason().contains("best ME scale 4×"), c.reason());
    }

    @Test
    void withoutABaseOrAnMeScaleItIsInconclusive() {
        assertEquals(Verdict.INCONCLUSIVE, ScalingClaims.seDoesNotScale("m", Map.of(1, v(0.7)), Map.of()).verdict());
        assertEquals(Verdict.INCONCLUSIVE, ScalingClaims.meImprovesWithSize("m", Map.of(1, v(0.7)), Map.of()).verdict());
        assertEquals(Verdict.INCONCLUSIVE, ScalingClaims.meImprovesWithSize("m", Map.of(2, v(0.7)), Map.of(2, v(0.71))).verdict());
    }
}
