package org.collapselab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.collapselab.io.AtomicFiles;

/**
 * Small valid files in any {@link CtrFormat}, from seeded random rows, with the quirks real files have: the
 * fixtures of the tests (which need no sample from outside the project) and a way to try a format by hand.
 * Delimited formats get a header when theirs has one, labels 0/1, integers (some negative, some missing) in
 * numeric columns, 8-hex tokens from a skewed vocabulary in categorical ones, {@code YYMMDDHH} in hour columns and
 * unsigned 64-bit ids in skipped ones (as Avazu's {@code id}); libFM lines get one {@code idx:1} pair per field.
 * <pre>{@code
 * List<String> lines = FormatSamples.lines(CtrFormat.avazuCsv(), 500, 7);
 * FormatSamples.write(Path.of("avazu.csv.gz"), lines, FormatSamples.Quirk.GZIP_MEMBERS, FormatSamples.Quirk.CRLF);
 * }</pre>
 */
public final class FormatSamples {
    private FormatSamples() {}

    /** Ways real files differ from the plain layout. */
    public enum Quirk {
        /** Integers written as floats ({@code 260.0}), as DeepCTR's Criteo sample does (lines). */
        FLOAT_INTEGERS,
        /** libFM labels written -1/+1, as Frappe's files do (lines). */
        SIGNED_LABELS,
        /** CRLF line ends (file). */
        CRLF,
        /** A UTF-8 byte-order mark (file). */
        BOM,
        /** No LF after the last line (file). */
        NO_FINAL_NEWLINE,
        /** gzip, one member (file). */
        GZIP,
        /** gzip, three members, as {@code cat a.gz b.gz c.gz} makes (file). */
        GZIP_MEMBERS
    }

    /** The lines of a valid file: the header (if the format has one) and {@code rows} data lines. */
    public static List<String> lines(CtrFormat format, int rows, long seed, Quirk... quirks) {
        Set<Quirk> q = quirks.length == 0 ? EnumSet.noneOf(Quirk.class) : EnumSet.of(quirks[0], quirks);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        if (format instanceof DelimitedFormat d) {
            if (d.header() != DelimitedFormat.Header.NONE) out.add(d.headerLine());
            for (int r = 0; r < rows; r++) {
                sb.setLength(0);
                for (int c = 0; c < d.columns().size(); c++) {
                    if (c > 0) sb.append(d.delimiter());
                    sb.append(value(d.columns().get(c).role(), c, rnd, q));
                }
                out.add(sb.toString());
            }
        } else {
            LibFmFormat l = (LibFmFormat) format;
            for (int r = 0; r < rows; r++) {
                sb.setLength(0);
                boolean click = rnd.nextInt(4) == 0;
                sb.append(q.contains(Quirk.SIGNED_LABELS) ? (click ? "+1" : "-1") : (click ? "1" : "0"));
                for (int f = 0; f < l.fieldCount(); f++) sb.append(' ').append(f * 1000 + skewed(rnd, 30)).append(":1");
                out.add(sb.toString());
            }
        }
        return out;
    }

    private static String value(DelimitedFormat.Role role, int column, SplittableRandom rnd, Set<Quirk> q) {
        return switch (role) {
            case LABEL -> rnd.nextInt(4) == 0 ? "1" : "0";
            case NUMERIC -> {
                if (rnd.nextInt(10) == 0) yield "";
                int v = skewed(rnd, 400) - 2;
                yield q.contains(Quirk.FLOAT_INTEGERS) ? v + ".0" : Integer.toString(v);
            }
            case CATEGORICAL -> String.format(Locale.ROOT, "%08x", (int) mix(column * 7919L + skewed(rnd, 50)));
            case HOUR -> String.format(Locale.ROOT, "1410%02d%02d", 21 + rnd.nextInt(10), rnd.nextInt(24));
            case SKIP -> Long.toUnsignedString(rnd.nextLong());
        };
    }

    /** A value in {@code [0, n)}, small values far more often than large ones. */
    private static int skewed(SplittableRandom rnd, int n) {
        double u = rnd.nextDouble();
        return (int) (n * u * u * u);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** The bytes of a file of these lines with the file quirks applied (line quirks are {@link #lines}'s). */
    public static byte[] bytes(List<String> lines, Quirk... quirks) {
        Set<Quirk> q = quirks.length == 0 ? EnumSet.noneOf(Quirk.class) : EnumSet.of(quirks[0], quirks);
        String eol = q.contains(Quirk.CRLF) ? "\r\n" : "\n";
        String text = String.join(eol, lines) + (q.contains(Quirk.NO_FINAL_NEWLINE) ? "" : eol);
        byte[] plain = ((q.contains(Quirk.BOM) ? "\uFEFF" : "") + text).getBytes(StandardCharsets.UTF_8);
        if (q.contains(Quirk.GZIP_MEMBERS)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int a = plain.length / 3, b = 2 * plain.length / 3;
            out.writeBytes(gzip(plain, 0, a));
            out.writeBytes(gzip(plain, a, b));
            out.writeBytes(gzip(plain, b, plain.length));
            return out.toByteArray();
        }
        return q.contains(Quirk.GZIP) ? gzip(plain, 0, plain.length) : plain;
    }

    /** Writes {@link #bytes} to {@code file} atomically; returns the file. */
    public static Path write(Path file, List<String> lines, Quirk... quirks) {
        byte[] b = bytes(lines, quirks);
        return AtomicFiles.write(file, out -> out.write(b));
    }

    /** One gzip member of {@code b[from, to)}. */
    public static byte[] gzip(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b, from, to - from);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
