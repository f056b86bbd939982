package org.collapselab.paper;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.collapselab.analysis.InformationAbundance;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.ToyData;
import org.collapselab.model.Canonical;
import org.collapselab.paper.claim.Claim;
import org.collapselab.paper.claim.ToyClaims;
import org.collapselab.plot.Series;
import org.collapselab.run.Computation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's toy experiment (Appendix A, Fig. 4): three fields with D1 = D2 = 100 and D3 = 3 ("small") or 100
 * ("large"), random labels, an FM-style interaction h = Σ_{i<j} e_iᵀe_j, embeddings drawn from N(0, 1), only E1
 * trained (E2 and E3 fixed), full-batch SGD with learning rate 1 on the mean binary cross-entropy. The paper's
 * claim: interacting with a low-information-abundance field (D3 = 3 < K) collapses E1, so IA(E1) ends lower for
 * D3 = 3 than for D3 = 100. The paper does not state K; the default is its base embedding size, 10, which lies
 * between the two D3. A {@link Computation}: its result is kept in the run store ({@link RunStore#obtain(Computation)}).
 *
 * @param iterations full-batch steps (the paper: 5,000)
 * @param k          embedding size
 * @param every      record IA(E1) every this many iterations (and at 0 and the end)
 * @param seed       seed of the data and the embeddings
 */
public record ToyExperiment(int iterations, int k, int every, long seed) implements Computation<ToyExperiment.Result> {
    public ToyExperiment {
        if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        if (k < 1) throw new IllegalArgumentException("K must be >= 1, got " + k);
        if (every < 1) throw new IllegalArgumentException("every must be >= 1, got " + every);
    }

    /** Appendix A: 5,000 iterations, K = 10, IA recorded every 10 iterations. */
    public static ToyExperiment paper(long seed) {
        return new ToyExperiment(5_000, 10, 10, seed);
    }

    /** Bumped when the computation changes, so results stored before are not read as this version's. */
    static final int VERSION = 1;

    @Override
    public SortedMap<String, String> identity() {
        SortedMap<String, String> id = new TreeMap<>(Canonical.of("toy", this, Set.of()));
        id.put("toy.version", String.valueOf(VERSION));
        return id;
    }

    /** IA(E1) per recorded iteration for D3 = 3 and D3 = 100. */
    @Override
    public Result compute() {
        double[] small = trajectory(3), large = trajectory(100);
        int[] it = new int[small.length];
        for (int i = 0; i < small.length; i++) it[i] = Math.min(i * every, iterations);
        return new Result(k, it, small, large);
    }

    @Override
    public String encode(Result r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.iterations.length; i++)
            sb.append(i == 0 ? "" : "\n").append(r.iterations[i]).append(',').append(r.small[i]).append(',').append(r.large[i]);
        return sb.toString();
    }

    @Override
    public Result decode(String text) {
        List<String[]> lines = text.lines().map(l -> l.split(",")).toList();
        int[] it = lines.stream().mapToInt(l -> Integer.parseInt(l[0])).toArray();
        return new Result(k, it, lines.stream().mapToDouble(l -> Double.parseDouble(l[1])).toArray(),
                lines.stream().mapToDouble(l -> Double.parseDouble(l[2])).toArray());
    }

    /**
     * IA(E1) per recorded iteration, "Small" (D3 = 3) and "Large" (D3 = 100).
     *
     * @param k          the embedding size
     * @param iterations the recorded iterations, 0 first
     */
    public record Result(int k, int[] iterations, double[] small, double[] large) implements PaperResult {
        public Result {
            iterations = iterations.clone();
            small = small.clone();
            large = large.clone();
            if (small.length != iterations.length || large.length != iterations.length)
                throw new IllegalArgumentException(iterations.length + " iterations, " + small.length + " and " + large.length + " IA values");
        }

        /** Columns iteration, {@code D3=3}, {@code D3=100}. */
        @Override
        public Table table() {
            return Table.create("toy experiment: IA(E1) per iteration (K = " + k + ")", IntColumn.create("iteration", iterations),
                    DoubleColumn.create("D3=3", small), DoubleColumn.create("D3=100", large));
        }

        /** The two trajectories against the iteration, for {@code Plots.lines}. */
        public List<Series> series() {
            double[] x = java.util.Arrays.stream(iterations).asDoubleStream().toArray();
            return List.of(Series.of("Small (D3 = 3)", x, small), Series.of("Large (D3 = 100)", x, large));
        }

        /** Fig. 4's claim ({@link ToyClaims#lowIaFieldCollapses}). */
        @Override
        public List<Claim> claims() {
            return List.of(ToyClaims.lowIaFieldCollapses(small, large));
        }
    }

    /** IA(E1) at iterations 0, every, 2·every, ..., and the last. */
    double[] trajectory(int d3) {
        EncodedDataset data = ToyData.generate(d3, seed);
        int n = data.rows();
        SplittableRandom rnd = new SplittableRandom(seed * 31 + d3);
        double[][] e1 = normal(100, rnd), e2 = normal(100, rnd), e3 = normal(d3, rnd);
        int[] x1 = new int[n], x2 = new int[n], x3 = new int[n];
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            x1[r] = data.index(r, 0);
            x2[r] = data.index(r, 1);
            x3[r] = data.index(r, 2);
            y[r] = data.label(r);
        }
        int points = (iterations + every - 1) / every + 1;
        double[] ia = new double[points];
        ia[0] = ia(e1);
        double[][] grad = new double[100][k];
        for (int t = 1; t <= iterations; t++) {
            for (double[] g : grad) java.util.Arrays.fill(g, 0);
            for (int r = 0; r < n; r++) {
                double[] a = e1[x1[r]], b = e2[x2[r]], c = e3[x3[r]];
                double h = 0;
                for (int j = 0; j < k; j++) h += a[j] * b[j] + a[j] * c[j] + b[j] * c[j];
                double dh = (1 / (1 + Math.exp(-h)) - y[r]) / n;    // d(mean BCE)/dh
                double[] g = grad[x1[r]];
                for (int j = 0; j < k; j++) g[j] += dh * (b[j] + c[j]);
            }
            for (int i = 0; i < 100; i++) for (int j = 0; j < k; j++) e1[i][j] -= grad[i][j];    // SGD, learning rate 1
            if (t % every == 0 || t == iterations) ia[(t + every - 1) / every] = ia(e1);
        }
        return ia;
    }

    private double[][] normal(int rows, SplittableRandom rnd) {
        double[][] m = new double[rows][k];
        for (double[] row : m)
            for (int j = 0; j < k; j++) {
                double u1 = 1 - rnd.nextDouble(), u2 = rnd.nextDouble();
                row[j] = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            }
        return m;
    }

    private double ia(double[][] e) {
        float[] flat = new float[e.length * k];
        for (int i = 0; i < e.length; i++) for (int j = 0; j < k; j++) flat[i * k + j] = (float) e[i][j];
        return InformationAbundance.of(flat, e.length, k);
    }
}
