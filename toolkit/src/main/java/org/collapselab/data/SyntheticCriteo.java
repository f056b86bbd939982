package org.collapselab.data;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.collapselab.io.AtomicFiles;

/**
 * A Criteo-shaped synthetic dataset written as real Criteo TSV (label, I1..I13, C1..C26 by default), so every
 * step of the toolkit runs on it exactly as on the real file. Values of each field are Zipf-distributed over the
 * field's cardinality; numeric values are chosen so that their Criteo buckets are the drawn ranks; categorical
 * values are 8-hex strings. Labels are Bernoulli draws from a planted logit: a bias for the base rate, a
 * first-order effect per field value and second-order effects (inner products of small per-value vectors) for a
 * few seeded field pairs. Everything follows from the seed.
 *
 * @param rows                     data lines to write
 * @param numericCardinalities     distinct buckets per numeric field (I1..)
 * @param categoricalCardinalities distinct strings per categorical field (C1..)
 * @param zipfExponent             Zipf exponent of every field (1.0–1.2 resembles Criteo)
 * @param missingRate              probability that a value is empty
 * @param interactingPairs         how many field pairs get a planted second-order effect
 * @param firstOrderScale          standard deviation of first-order effects (logit units)
 * @param pairScale                scale of second-order effects (logit units)
 * @param baseRate                 the mean click rate (the bias is calibrated to it)
 * @param seed                     the seed
 */
public record SyntheticCriteo(int rows, int[] numericCardinalities, int[] categoricalCardinalities, double zipfExponent,
                              double missingRate, int interactingPairs, double firstOrderScale, double pairScale,
                              double baseRate, long seed) {

    /** Field sizes of full Criteo after min-count-10 preprocessing (the original code's {@code field_dims}; sum 1,086,810). */
    public static final int[] CRITEO_FIELD_DIMS = {49, 101, 126, 45, 223, 118, 84, 76, 95, 9, 30, 40, 75, 1458, 555, 193949,
            138801, 306, 19, 11970, 634, 4, 42646, 5178, 192773, 3175, 27, 11422, 181075, 11, 4654, 2032, 5, 189657, 18, 16,
            59697, 86, 45571};
    private static final int PAIR_DIM = 4;

    public SyntheticCriteo {
        numericCardinalities = numericCardinalities.clone();
        categoricalCardinalities = categoricalCardinalities.clone();
        if (rows < 1) throw new IllegalArgumentException("rows must be >= 1, got " + rows);
        if (numericCardinalities.length + categoricalCardinalities.length == 0) throw new IllegalArgumentException("no fields");
        for (int c : numericCardinalities) if (c < 1) throw new IllegalArgumentException("numeric cardinality must be >= 1, got " + c);
        for (int c : categoricalCardinalities) if (c < 1) throw new IllegalArgumentException("categorical cardinality must be >= 1, got " + c);
        if (!(zipfExponent >= 0)) throw new IllegalArgumentException("zipfExponent must be >= 0, got " + zipfExponent);
        if (!(missingRate >= 0 && missingRate < 1)) throw new IllegalArgumentException("missingRate must be in [0, 1), got " + missingRate);
        if (!(baseRate > 0 && baseRate < 1)) throw new IllegalArgumentException("baseRate must be in (0, 1), got " + baseRate);
        if (interactingPairs < 0) throw new IllegalArgumentException("interactingPairs must be >= 0, got " + interactingPairs);
    }

    /**
     * Criteo's 13 + 26 fields with its real field sizes multiplied by {@code scale} (at least 2 each), Zipf 1.1,
     * 10% missing, 20 interacting pairs, effects of about one logit unit in total for each order, click rate 0.25.
     */
    public static SyntheticCriteo criteoShaped(int rows, double scale, long seed) {
        if (!(scale > 0)) throw new IllegalArgumentException("scale must be > 0, got " + scale);
        int[] dims = Arrays.stream(CRITEO_FIELD_DIMS).map(d -> Math.max(2, (int) Math.round(d * scale))).toArray();
        return new SyntheticCriteo(rows, Arrays.copyOfRange(dims, 0, 13), Arrays.copyOfRange(dims, 13, 39), 1.1, 0.1, 20, 0.15, 0.25, 0.25, seed);
    }

    public int fieldCount() {
        return numericCardinalities.length + categoricalCardinalities.length;
    }

    /** The format of the files this writes: Criteo TSV when the field counts are Criteo's, else an equivalent layout. */
    public CtrFormat format() {
        if (numericCardinalities.length == 13 && categoricalCardinalities.length == 26) return CtrFormat.criteoTsv();
        java.util.List<DelimitedFormat.Column> cs = new java.util.ArrayList<>();
        cs.add(new DelimitedFormat.Column("label", DelimitedFormat.Role.LABEL));
        for (int i = 1; i <= numericCardinalities.length; i++) cs.add(new DelimitedFormat.Column("I" + i, DelimitedFormat.Role.NUMERIC));
        for (int i = 1; i <= categoricalCardinalities.length; i++) cs.add(new DelimitedFormat.Column("C" + i, DelimitedFormat.Role.CATEGORICAL));
        return new DelimitedFormat("Criteo-like TSV", '\t', DelimitedFormat.Header.NONE, cs, 10);
    }

    /** Writes the rows as TSV (gzip when the name ends in {@code .gz}), atomically; returns the file. */
    public Path write(Path file) {
        int nn = numericCardinalities.length, nf = fieldCount();
        int[] cards = new int[nf];
        System.arraycopy(numericCardinalities, 0, cards, 0, nn);
        System.arraycopy(categoricalCardinalities, 0, cards, nn, categoricalCardinalities.length);
        double[][] cdf = new double[nf][];
        for (int f = 0; f < nf; f++) cdf[f] = zipfCdf(cards[f], zipfExponent);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] pairs = pairs(nf, interactingPairs, new SplittableRandom(seed ^ 0x5DEECE66DL));
        double bias = calibratedBias(cdf, pairs, new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL));
        return AtomicFiles.write(file, target -> {
            OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(target, 1 << 16) : target;
            int[] rank = new int[nf];
            boolean[] miss = new boolean[nf];
            StringBuilder line = new StringBuilder(256);
            for (int r = 0; r < rows; r++) {
                for (int f = 0; f < nf; f++) {
                    miss[f] = rnd.nextDouble() < missingRate;
                    rank[f] = miss[f] ? -1 : sample(cdf[f], rnd.nextDouble());
                }
                int label = rnd.nextDouble() < sigmoid(bias + effects(rank, pairs)) ? 1 : 0;
                line.setLength(0);
                line.append(label);
                for (int f = 0; f < nf; f++) {
                    line.append('\t');
                    if (miss[f]) continue;
                    if (f < nn) line.append(numericValue(rank[f]));
                    else appendHex(line, mix(seed, f, rank[f], 0x7F4A7C15L));
                }
                line.append('\n');
                out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            }
            if (out instanceof GZIPOutputStream gz) gz.finish();
        });
    }

    /** The planted logit of a row, without the bias; rank -1 stands for a missing value. */
    private double effects(int[] rank, int[][] pairs) {
        double logit = 0;
        for (int f = 0; f < rank.length; f++) logit += firstOrderScale * gaussian(seed, f, rank[f], -1);
        for (int[] p : pairs) {
            double dot = 0;
            for (int k = 0; k < PAIR_DIM; k++) dot += gaussian(seed, p[0], rank[p[0]], k) * gaussian(seed, p[1], rank[p[1]], k);
            logit += pairScale * dot / Math.sqrt(PAIR_DIM);
        }
        return logit;
    }

    /** The bias that makes the mean click probability {@code baseRate}, found by bisection on a pilot sample. */
    private double calibratedBias(double[][] cdf, int[][] pairs, SplittableRandom rnd) {
        int n = Math.min(rows, 5_000);
        double[] e = new double[n];
        int[] rank = new int[cdf.length];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < cdf.length; f++) rank[f] = rnd.nextDouble() < missingRate ? -1 : sample(cdf[f], rnd.nextDouble());
            e[i] = effects(rank, pairs);
        }
        double lo = -30, hi = 30;
        for (int it = 0; it < 60; it++) {
            double mid = (lo + hi) / 2, mean = 0;
            for (double v : e) mean += sigmoid(mid + v);
            if (mean / n < baseRate) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** A raw count whose Criteo bucket is determined by the rank: ranks 0..3 give -1..2, rank r >= 4 gives bucket r - 3. */
    static long numericValue(int rank) {
        if (rank < 4) return rank - 1;
        long b = rank - 3;
        long v = (long) Math.ceil(Math.exp(Math.sqrt(b)));
        while (Bucketing.criteoToken(v) < b) v++;
        return v;
    }

    private static double[] zipfCdf(int n, double s) {
        double[] c = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) c[i] = acc += Math.pow(i + 1, -s);
        for (int i = 0; i < n; i++) c[i] /= acc;
        return c;
    }

    private static int sample(double[] cdf, double u) {
        int i = Arrays.binarySearch(cdf, u);
        return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
    }

    private static int[][] pairs(int nf, int count, SplittableRandom rnd) {
        int total = nf * (nf - 1) / 2;
        int[][] all = new int[total][];
        for (int a = 0, k = 0; a < nf; a++) for (int b = a + 1; b < nf; b++) all[k++] = new int[]{a, b};
        for (int i = total - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int[] t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, Math.min(count, total));
    }

    /** A standard normal value determined by (seed, field, rank, k): effects need no tables. */
    private static double gaussian(long seed, int field, int rank, int k) {
        long h = mix(seed, field, rank, k);
        double u1 = ((h >>> 11) + 1.0) / ((1L << 53) + 1.0), u2 = (mix(h, field, rank, 99) >>> 11) / (double) (1L << 53);
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix(long seed, long a, long b, long c) {
        long h = seed * 0x9E3779B97F4A7C15L + a * 0xC2B2AE3D27D4EB4FL + b * 0x165667B19E3779F9L + c * 0x27D4EB2F165667C5L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static void appendHex(StringBuilder sb, long h) {
        for (int i = 7; i >= 0; i--) sb.append(Character.forDigit((int) (h >>> (i * 4)) & 0xf, 16));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyntheticCriteo s && rows == s.rows && Arrays.equals(numericCardinalities, s.numericCardinalities)
                && Arrays.equals(categoricalCardinalities, s.categoricalCardinalities) && zipfExponent == s.zipfExponent
                && missingRate == s.missingRate && interactingPairs == s.interactingPairs && firstOrderScale == s.firstOrderScale
                && pairScale == s.pairScale && baseRate == s.baseRate && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(numericCardinalities) * 31 + Arrays.hashCode(categoricalCardinalities) + Long.hashCode(seed) + rows;
    }

    @Override
    public String toString() {
        return "SyntheticCriteo[rows=" + rows + ", numeric=" + Arrays.toString(numericCardinalities) + ", categorical="
                + Arrays.toString(categoricalCardinalities) + ", zipf=" + zipfExponent + ", missing=" + missingRate + ", pairs="
                + interactingPairs + ", seed=" + seed + "]";
    }
}
