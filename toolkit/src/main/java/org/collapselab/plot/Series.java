package org.collapselab.plot;

import java.util.Objects;

/**
 * A named line of points with optional error bars (a standard deviation or an interval's half width, as the maker says), e.g. test AUC of SE DCNv2 against
 * scale factor, or a loss per epoch.
 *
 * @param name   legend entry
 * @param x      x values
 * @param y      y values, one per x
 * @param error  half-heights of error bars, one per x, or {@code null} for none
 */
public record Series(String name, double[] x, double[] y, double[] error) {
    public Series {
        Objects.requireNonNull(name, "name");
        x = x.clone();
        y = y.clone();
        error = error == null ? null : error.clone();
        if (x.length != y.length) throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        if (error != null && error.length != y.length)
            throw new IllegalArgumentException("series '" + name + "': " + error.length + " error values for " + y.length + " points");
    }

    public static Series of(String name, double[] x, double[] y) {
        return new Series(name, x, y, null);
    }

    /** y against 1, 2, 3, ... (epochs). */
    public static Series perEpoch(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        return new Series(name, x, y, null);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public double[] error() {
        return error == null ? null : error.clone();
    }
}
