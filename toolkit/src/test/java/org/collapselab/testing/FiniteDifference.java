package org.collapselab.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central finite differences against SameDiff's analytic gradients, in double precision. Written here rather
 * than using ND4J's GradCheckUtil so the check is independent of the library under test.
 */
public final class FiniteDifference {
    public static final double H = 1e-6;
    public static final double MAX_REL_ERROR = 1e-5;
    public static final double ABS_TOLERANCE = 1e-9;

    private FiniteDifference() {}

    /** Mismatches as readable lines; empty when every checked element agrees. */
    public static List<String> check(SameDiff sd, String lossName, int maxElementsPerVariable) {
        return check(sd, lossName, maxElementsPerVariable, 1.0);
    }

    /** As {@link #check(SameDiff, String, int)} with the analytic gradients scaled, to show the check can fail. */
    public static List<String> check(SameDiff sd, String lossName, int maxElementsPerVariable, double analyticScale) {
        return check(sd, lossName, Map.of(), maxElementsPerVariable, analyticScale);
    }

    /** As {@link #check(SameDiff, String, int)} for a graph with placeholders (a model's labels). */
    public static List<String> check(SameDiff sd, String lossName, Map<String, INDArray> placeholders, int maxElementsPerVariable,
                                     double analyticScale) {
        List<String> trainable = new ArrayList<>();
        for (SDVariable v : sd.variables()) if (v.getVariableType() == VariableType.VARIABLE) trainable.add(v.name());
        Map<String, INDArray> grads = sd.calculateGradients(placeholders, trainable);
        DoubleSupplier loss = () -> sd.output(placeholders, lossName).get(lossName).getDouble(0);
        List<String> bad = new ArrayList<>();
        for (String name : trainable) {
            INDArray p = sd.getArrForVarName(name);
            if (p.dataType() != DataType.DOUBLE) throw new IllegalStateException(name + " is " + p.dataType() + "; checks need DOUBLE");
            INDArray g = grads.get(name);
            if (g == null) {
                bad.add(name + ": no analytic gradient");
                continue;
            }
            INDArray flat = p.reshape(p.length());
            long n = p.length(), stride = Math.max(1, n / maxElementsPerVariable);
            for (long i = 0; i < n; i += stride) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + H);
                double up = loss.getAsDouble();
                flat.putScalar(i, orig - H);
                double down = loss.getAsDouble();
                flat.putScalar(i, orig);
                double numeric = (up - down) / (2 * H);
                double analytic = analyticScale * g.reshape(g.length()).getDouble(i);
                double diff = Math.abs(numeric - analytic);
                double rel = diff / Math.max(Math.abs(numeric) + Math.abs(analytic), 1e-300);
                if (diff > ABS_TOLERANCE && rel > MAX_REL_ERROR)
                    bad.add(String.format("%s[%d]: analytic %.10g numeric %.10g (rel %.2e)", name, i, analytic, numeric, rel));
            }
        }
        return bad;
    }
}
