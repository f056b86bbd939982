package org.collapselab.data;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Turns one line into a label and one token per field, or into a reject with a reason. Tokens are byte
 * ranges ({@link #src}, {@link #off}, {@link #len}); numeric values are bucketed and written as decimal digits
 * into per-field scratch space, and a missing numeric value is the empty token. Nothing is interned here, so a
 * rejected line leaves no trace in the vocabulary.
 */
abstract sealed class LineParser permits LineParser.Delimited, LineParser.LibFm {
    final int fields;
    byte label;
    final byte[][] src;
    final int[] off, len;
    final boolean[] missing;
    final byte[][] scratch;
    RejectReason reason;
    String detail;

    LineParser(int fields) {
        this.fields = fields;
        src = new byte[fields][];
        off = new int[fields];
        len = new int[fields];
        missing = new boolean[fields];
        scratch = new byte[fields][24];
    }

    /** Parses {@code b[start, end)}; false when the line is rejected ({@link #reason} and {@link #detail} say why). */
    abstract boolean parse(byte[] b, int start, int end);

    static LineParser of(CtrFormat format, PreprocessOptions.HourEncoding hour) {
        if (format instanceof DelimitedFormat d) return new Delimited(d, hour);
        return new LibFm(((LibFmFormat) format).fieldCount());
    }

    final boolean reject(RejectReason r, String d) {
        reason = r;
        detail = d;
        return false;
    }

    /** Parses a 0/1 label (also written {@code 0.0}/{@code 1.0}); false otherwise. */
    final boolean parseLabel(byte[] b, int s, int e) {
        int n = e - s;
        if (n == 1 || (n == 3 && b[s + 1] == '.' && b[s + 2] == '0')) {
            if (b[s] == '0' || b[s] == '1') {
                label = (byte) (b[s] - '0');
                return true;
            }
        }
        return false;
    }

    /** Writes {@code v} in decimal into field {@code f}'s scratch and points the field's token at it. */
    final void setNumberToken(int f, long v) {
        byte[] t = scratch[f];
        int p = t.length;
        boolean neg = v < 0;
        long u = Math.abs(v);
        do {
            t[--p] = (byte) ('0' + (u % 10));
            u /= 10;
        } while (u != 0);
        if (neg) t[--p] = '-';
        src[f] = t;
        off[f] = p;
        len[f] = t.length - p;
    }

    static String text(byte[] b, int s, int e) {
        String t = new String(b, s, Math.min(e - s, 60), StandardCharsets.UTF_8);
        return e - s > 60 ? t + "…" : t;
    }

    /**
     * The Criteo token of a decimal number in {@code b[s, e)}: integers fast, anything else through
     * {@link Double#parseDouble}. Returns {@link Long#MIN_VALUE} when the text is not a finite number.
     */
    static long numericToken(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '-' || b[i] == '+')) neg = b[i++] == '-';
        long v = 0;
        int digits = 0;
        while (i < e && b[i] >= '0' && b[i] <= '9' && digits < 18) {
            v = v * 10 + (b[i++] - '0');
            digits++;
        }
        if (digits > 0 && i == e) return Bucketing.criteoToken(neg ? -v : v);
        if (digits > 0 && b[i] == '.') {    // 260.0: an integer written as a float
            int j = i + 1;
            while (j < e && b[j] == '0') j++;
            if (j == e) return Bucketing.criteoToken(neg ? -v : v);
        }
        try {
            double d = Double.parseDouble(new String(b, s, e - s, StandardCharsets.US_ASCII));
            return Double.isFinite(d) ? Bucketing.criteoToken(d) : Long.MIN_VALUE;
        } catch (NumberFormatException ex) {
            return Long.MIN_VALUE;
        }
    }

    /** One value per column, split on a single-byte delimiter. */
    static final class Delimited extends LineParser {
        private final DelimitedFormat format;
        private final DelimitedFormat.Role[] roles;
        private final int[] fieldOf;    // column -> first field index, -1 for label/skip
        private final int[] colStart, colEnd;
        private final byte delimiter;
        private final boolean deriveHour;
        private int lastDate = -1, lastWeekday;

        Delimited(DelimitedFormat format, PreprocessOptions.HourEncoding hour) {
            super(format.fields(hour).size());
            this.format = format;
            int n = format.columns().size();
            roles = new DelimitedFormat.Role[n];
            fieldOf = new int[n];
            colStart = new int[n];
            colEnd = new int[n];
            delimiter = (byte) format.delimiter();
            deriveHour = hour == PreprocessOptions.HourEncoding.HOUR_OF_DAY_AND_WEEKDAY;
            int f = 0;
            for (int c = 0; c < n; c++) {
                roles[c] = format.columns().get(c).role();
                fieldOf[c] = -1;
                switch (roles[c]) {
                    case NUMERIC, CATEGORICAL -> fieldOf[c] = f++;
                    case HOUR -> {
                        fieldOf[c] = f;
                        f += deriveHour ? 2 : 1;
                    }
                    case LABEL, SKIP -> { }
                }
            }
        }

        @Override
        boolean parse(byte[] b, int start, int end) {
            if (start == end) return reject(RejectReason.EMPTY_LINE, "empty line");
            int n = roles.length, count = 0;
            colStart[0] = start;
            for (int i = start; i < end; i++) {
                if (b[i] == delimiter) {
                    if (count + 1 < n) {
                        colEnd[count] = i;
                        colStart[count + 1] = i + 1;
                    }
                    count++;
                }
            }
            if (count + 1 != n)
                return reject(RejectReason.COLUMN_COUNT, "expected " + n + " columns separated by "
                        + DelimitedFormat.delimiterName((char) delimiter) + ", found " + (count + 1));
            colEnd[n - 1] = end;
            for (int c = 0; c < n; c++) {
                int s = colStart[c], e = colEnd[c], f = fieldOf[c];
                switch (roles[c]) {
                    case LABEL -> {
                        if (format.labelRule() instanceof LabelRule.ZeroOne) {
                            if (!parseLabel(b, s, e))
                                return reject(RejectReason.LABEL, "column " + name(c) + ": label must be 0 or 1, found '" + text(b, s, e) + "'");
                        } else {
                            int l = format.labelRule().label(new String(b, s, e - s, java.nio.charset.StandardCharsets.UTF_8));
                            if (l < 0)
                                return reject(RejectReason.LABEL, "column " + name(c) + ": label must be " + format.labelRule().describe() + ", found '"
                                        + text(b, s, e) + "'");
                            label = (byte) l;
                        }
                    }
                    case NUMERIC -> {
                        missing[f] = s == e;
                        if (s == e) {
                            src[f] = b;
                            off[f] = s;
                            len[f] = 0;
                        } else {
                            long t = numericToken(b, s, e);
                            if (t == Long.MIN_VALUE)
                                return reject(RejectReason.NUMBER, "column " + name(c) + ": not a number: '" + text(b, s, e) + "'");
                            setNumberToken(f, t);
                        }
                    }
                    case CATEGORICAL -> setSlice(f, b, s, e);
                    case HOUR -> {
                        if (!deriveHour) setSlice(f, b, s, e);
                        else if (!deriveHour(f, b, s, e))
                            return reject(RejectReason.HOUR, "column " + name(c) + ": expected YYMMDDHH, found '" + text(b, s, e) + "'");
                    }
                    case SKIP -> { }
                }
            }
            return true;
        }

        private void setSlice(int f, byte[] b, int s, int e) {
            src[f] = b;
            off[f] = s;
            len[f] = e - s;
            missing[f] = s == e;
        }

        private boolean deriveHour(int f, byte[] b, int s, int e) {
            if (e - s != 8) return false;
            int v = 0;
            for (int i = s; i < e; i++) {
                if (b[i] < '0' || b[i] > '9') return false;
                v = v * 10 + (b[i] - '0');
            }
            int hh = v % 100, date = v / 100;
            if (hh > 23) return false;
            if (date != lastDate) {
                try {
                    lastWeekday = LocalDate.of(2000 + date / 10000, date / 100 % 100, date % 100).getDayOfWeek().getValue();
                } catch (DateTimeException ex) {
                    return false;
                }
                lastDate = date;
            }
            setSlice(f, b, s + 6, e);
            missing[f + 1] = false;
            setNumberToken(f + 1, lastWeekday);
            return true;
        }

        private String name(int c) {
            return format.columns().get(c).name();
        }

    }

    /** {@code label idx:val ...} with exactly {@code fields} pairs. */
    static final class LibFm extends LineParser {
        long nonUnitValues, minusOneLabels;

        LibFm(int fields) {
            super(fields);
        }

        @Override
        boolean parse(byte[] b, int start, int end) {
            int i = skipBlanks(b, start, end);
            if (i == end) return reject(RejectReason.EMPTY_LINE, "empty line");
            int e = nextBlank(b, i, end);
            if (!parseLabel(b, i, e) && !parseSignedLabel(b, i, e))
                return reject(RejectReason.LABEL, "label must be 0/1 or libFM's -1/+1, found '" + text(b, i, e) + "'");
            boolean minusOne = b[i] == '-';
            int f = 0;
            long lineNonUnit = 0;
            for (i = skipBlanks(b, e, end); i < end; i = skipBlanks(b, e, end)) {
                e = nextBlank(b, i, end);
                if (f >= fields) {
                    f++;
                    continue;    // count them all for the message
                }
                int colon = i;
                while (colon < e && b[colon] != ':') colon++;
                if (colon == i || colon >= e - 1)
                    return reject(RejectReason.LIBFM_PAIR, "pair " + (f + 1) + ": expected idx:val, found '" + text(b, i, e) + "'");
                if (!(e - colon == 2 && b[colon + 1] == '1')) {
                    try {
                        double v = Double.parseDouble(new String(b, colon + 1, e - colon - 1, StandardCharsets.US_ASCII));
                        if (v != 1.0) lineNonUnit++;
                    } catch (NumberFormatException ex) {
                        return reject(RejectReason.LIBFM_PAIR, "pair " + (f + 1) + ": value is not a number: '" + text(b, i, e) + "'");
                    }
                }
                src[f] = b;
                off[f] = i;
                len[f] = colon - i;
                missing[f] = false;
                f++;
            }
            if (f != fields) return reject(RejectReason.COLUMN_COUNT, "expected " + fields + " idx:val pairs, found " + f);
            nonUnitValues += lineNonUnit;
            if (minusOne) minusOneLabels++;
            return true;
        }

        /** libFM's -1/+1 convention ({@code -1}, {@code +1}, also {@code -1.0}/{@code +1.0}): -1 is label 0, +1 label 1. */
        private boolean parseSignedLabel(byte[] b, int s, int e) {
            int n = e - s;
            if (!(n == 2 || (n == 4 && b[s + 2] == '.' && b[s + 3] == '0')) || b[s + 1] != '1') return false;
            if (b[s] == '+') label = 1;
            else if (b[s] == '-') label = 0;
            else return false;
            return true;
        }

        private static int skipBlanks(byte[] b, int i, int end) {
            while (i < end && (b[i] == ' ' || b[i] == '\t')) i++;
            return i;
        }

        private static int nextBlank(byte[] b, int i, int end) {
            while (i < end && b[i] != ' ' && b[i] != '\t') i++;
            return i;
        }
    }
}
