package org.collapselab.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes a raw file into a cache file in two passes, as DESIGN §4 prescribes: (1) parse every line, intern
 * each field's tokens to provisional ids (spilled to disk row by row) and count them; (2) keep the tokens seen at
 * least min-count times (over the whole file, or over the training rows of the seeded split), order them by
 * count then bytes, give the rest the field's OOV index (the last), and write the compact columns.
 */
final class Preprocessor {
    private static final int FIRST_LINES_KEPT = 5, WRONG_FORMAT_LINES = 1000, PROGRESS_EVERY = 1 << 16;

    private final List<List<Path>> parts;
    private final DataParts given;    // null: one file, split later by a seed
    private final CtrFormat format;
    private final PreprocessOptions opt;
    private Path source;    // the file being read, for messages
    private String firstHeader;

    /** One file, split later by the options' seed. */
    Preprocessor(Path source, CtrFormat format, PreprocessOptions opt) {
        this(List.of(List.of(source)), null, format, opt);
    }

    /** A dataset that comes split: its parts' files, read in order, with one vocabulary. */
    Preprocessor(DataParts parts, CtrFormat format, PreprocessOptions opt) {
        this(parts.parts(), parts, format, opt);
    }

    private Preprocessor(List<List<Path>> parts, DataParts given, CtrFormat format, PreprocessOptions opt) {
        this.parts = parts;
        this.given = given;
        this.format = format;
        this.opt = opt;
        this.source = parts.get(0).get(0);
    }

    private boolean manyFiles() {
        return parts.stream().mapToInt(List::size).sum() > 1;
    }

    /** Where a line is, for reject examples: its number, and its file when there are several. */
    private String at(long line) {
        return (manyFiles() ? source.getFileName() + " " : "") + "line " + line;
    }

    /** Counts rejected lines by reason, with the first line numbers and the first message of each. */
    private static final class RejectLog {
        final Map<RejectReason, long[]> counts = new EnumMap<>(RejectReason.class);
        final Map<RejectReason, List<Long>> lines = new EnumMap<>(RejectReason.class);
        final Map<RejectReason, String> examples = new EnumMap<>(RejectReason.class);

        void add(RejectReason r, long line, String where, String detail) {
            counts.computeIfAbsent(r, k -> new long[1])[0]++;
            List<Long> ls = lines.computeIfAbsent(r, k -> new ArrayList<>());
            if (ls.size() < FIRST_LINES_KEPT) ls.add(line);
            examples.putIfAbsent(r, where + ": " + detail);
        }

        List<PreprocessReport.Rejects> summary() {
            return counts.keySet().stream().map(r -> new PreprocessReport.Rejects(r, counts.get(r)[0], lines.get(r), examples.get(r))).toList();
        }
    }

    void build(Path target, DatasetCache.Identity id) {
        List<CtrFormat.FieldDef> defs = format.fields(opt.hour());
        int nf = defs.size();
        TokenDictionary[] dict = new TokenDictionary[nf];
        for (int f = 0; f < nf; f++) dict[f] = new TokenDictionary();
        long[] missing = new long[nf];
        byte[] labels = new byte[1 << 16];
        int rows = 0;
        long lines = 0;
        RejectLog rejects = new RejectLog();
        List<String> notes = new ArrayList<>();
        LineParser parser = LineParser.of(format, opt.hour());
        int[] partRows = new int[parts.size()];
        List<String> perFile = new ArrayList<>();
        boolean gzip = false, bom = false;
        long crlf = 0;

        try (IntSpill spill = new IntSpill(opt.cacheDir()); InternPipeline interning = new InternPipeline(dict, spill)) {
            for (int p = 0; p < parts.size(); p++)
                for (Path file : parts.get(p)) {
                    source = file;
                    String task = "reading " + file.getFileName();
                    long fileLines = 0;
                    int fileRows = 0;
                    try (LineReader in = new LineReader(file)) {
                        opt.progress().start(task, "bytes");
                        readHeader(in);
                        while ((opt.maxRows() == 0 || lines < opt.maxRows()) && in.next()) {
                            lines++;
                            fileLines++;
                            if (fileLines == 1) refuseHeaderAsData(in);
                            if (!parser.parse(in.buf, in.start, in.end)) {
                                if (opt.errors() == PreprocessOptions.ErrorPolicy.STRICT)
                                    throw new DataFormatException(source, in.lineNumber, parser.detail + (rows == 0 ? wrongFormatHint() : ""));
                                rejects.add(parser.reason, in.lineNumber, at(in.lineNumber), parser.detail);
                                // a file whose first 1,000 lines are all bad is of another format, unless the budget accepts any number
                                if (rows == 0 && lines >= WRONG_FORMAT_LINES && opt.rejectBudget() < 1)
                                    throw new DataFormatException(source, 0, "the first " + lines + " lines were all rejected; "
                                            + rejects.examples.get(parser.reason) + wrongFormatHint());
                                continue;
                            }
                            if (rows == Integer.MAX_VALUE - 8) throw new DataFormatException(source, in.lineNumber, "more than 2^31 rows are not supported");
                            if (rows == labels.length) labels = Arrays.copyOf(labels, (int) Math.min(Integer.MAX_VALUE - 8, labels.length * 2L));
                            labels[rows++] = parser.label;
                            fileRows++;
                            interning.add(parser);
                            for (int f = 0; f < nf; f++) if (parser.missing[f]) missing[f]++;
                            if ((lines & (PROGRESS_EVERY - 1)) == 0) opt.progress().update(task, in.position(), in.fileSize, linesRead(lines));
                        }
                        opt.progress().update(task, in.position(), in.fileSize, linesRead(lines));
                        opt.progress().done(task);
                        gzip |= in.gzip;
                        bom |= in.bomSkipped;
                        crlf += in.crlfLines;
                    }
                    partRows[p] += fileRows;
                    perFile.add(String.format(java.util.Locale.ROOT, "%s%s: %,d lines, %,d rows", given != null ? DataParts.NAMES.get(p) + " " : "",
                            file.getFileName(), fileLines, fileRows));
                }
            interning.finish();
            if (lines == 0) throw new DataFormatException(source, 0, "no data lines" + (hasHeader() ? " after the header" : ""));
            if (rows == 0)
                throw new DataFormatException(source, 0, "no valid rows: all " + lines + " lines were rejected; "
                        + rejects.summary().get(0).example() + wrongFormatHint());
            if (given != null)
                for (int p = 0; p < parts.size(); p++)
                    if (partRows[p] == 0)
                        throw new DataFormatException(parts.get(p).get(0), 0, "the " + DataParts.NAMES.get(p) + " part (" + parts.get(p)
                                + ") has no valid rows: training needs rows in all three parts");
            if (manyFiles()) notes.addAll(perFile);
            if (gzip) notes.add("read as gzip");
            if (bom) notes.add("a UTF-8 byte-order mark at the start was skipped");
            if (crlf > 0) notes.add(crlf + " lines ended in CRLF (accepted)");
            if (parser instanceof LineParser.LibFm l && l.nonUnitValues > 0)
                notes.add(l.nonUnitValues + " libFM values other than 1 were ignored (fields are categorical)");
            if (parser instanceof LineParser.LibFm l && l.minusOneLabels > 0)
                notes.add(l.minusOneLabels + " labels written -1 were read as 0 (libFM's -1/+1 convention)");
            if (opt.maxRows() > 0 && lines == opt.maxRows()) notes.add("stopped after maxRows = " + opt.maxRows() + " lines");

            int[][] wholeCounts = new int[nf][];
            for (int f = 0; f < nf; f++) wholeCounts[f] = dict[f].counts();
            int[][] vocabCounts = opt.vocabulary() == PreprocessOptions.VocabularyScope.WHOLE_FILE
                    ? wholeCounts : trainCounts(spill, dict, rows, given != null ? partRows[0] : -1);
            int minCount = opt.minCountFor(format);
            int[][] remap = new int[nf][];
            List<Field> fields = new ArrayList<>();
            List<PreprocessReport.FieldCounts> counts = new ArrayList<>();
            for (int f = 0; f < nf; f++) {
                remap[f] = vocabulary(dict[f], vocabCounts[f], minCount);
                int kept = (int) Arrays.stream(remap[f]).filter(i -> i >= 0).count();
                long oov = 0;
                for (int t = 0; t < remap[f].length; t++) {
                    if (remap[f][t] < 0) {
                        oov += wholeCounts[f][t];
                        remap[f][t] = kept;
                    }
                }
                fields.add(new Field(defs.get(f).name(), defs.get(f).kind(), kept + 1));
                counts.add(new PreprocessReport.FieldCounts(defs.get(f).name(), defs.get(f).kind(), missing[f], oov, dict[f].size(), kept));
            }
            Schema schema = new Schema(fields);
            String what = given != null ? given.describe() : source.toString();
            PreprocessReport report = new PreprocessReport(what, format.name(), lines, rows, rejects.summary(), counts, notes);
            byte[] ls = labels;
            int n = rows;
            DatasetCache.write(target, id, schema, rows, given != null ? partRows : null, report, (lb, cols) -> {
                lb.put(0, ls, 0, n);
                int[] widths = Arrays.stream(schema.cardinalities()).map(IndexColumn::widthFor).toArray();
                IntSpill.Reader r = spill.reader();
                String writing = "encoding " + (given != null ? "the parts" : source.getFileName());
                opt.progress().start(writing, "rows");
                for (int row = 0; row < n; row++) {
                    for (int f = 0; f < nf; f++) IndexColumn.put(cols[f], widths[f], row, remap[f][r.next()]);
                    if ((row & (PROGRESS_EVERY - 1)) == 0) opt.progress().update(writing, row, n);
                }
                opt.progress().update(writing, n, n);
                opt.progress().done(writing);
            });
        }
    }

    private static String linesRead(long lines) {
        return String.format(java.util.Locale.ROOT, "%,d lines", lines);
    }

    private boolean hasHeader() {
        return format instanceof DelimitedFormat d && d.header() != DelimitedFormat.Header.NONE;
    }

    private String wrongFormatHint() {
        return " (is " + source.getFileName() + " in format '" + format.name() + "'?)";
    }

    private void readHeader(LineReader in) {
        if (!hasHeader()) return;
        DelimitedFormat d = (DelimitedFormat) format;
        if (!in.next()) throw new DataFormatException(source, 0, "file has no lines");
        String found = in.lineText();
        if (firstHeader == null) firstHeader = found;
        else if (!firstHeader.equals(found))
            throw new DataFormatException(source, 1, "its header differs from the first file's (" + parts.get(0).get(0).getFileName() + "): "
                    + firstHeader + " vs " + found + "; every file of a dataset must have the same columns");
        if (d.header() == DelimitedFormat.Header.SKIP) return;
        byte[] e = d.headerLine().getBytes(StandardCharsets.UTF_8);
        if (!Arrays.equals(in.buf, in.start, in.end, e, 0, e.length))
            throw new DataFormatException(source, 1, "the header does not match format '" + format.name() + "': "
                    + headerMismatch(d, found));
    }

    /**
     * A format without a header whose first line names its columns (at least half of them, case aside) is given a file
     * with a header: refused, rather than the header read as data or rejected as a bad row.
     */
    private void refuseHeaderAsData(LineReader in) {
        if (!(format instanceof DelimitedFormat d) || d.header() != DelimitedFormat.Header.NONE) return;
        String[] got = DelimitedFormat.split(in.lineText(), d.delimiter());
        int named = 0;
        for (int i = 0; i < Math.min(got.length, d.columns().size()); i++) if (got[i].strip().equalsIgnoreCase(d.columns().get(i).name())) named++;
        if (named > 0 && 2 * named >= d.columns().size())
            throw new DataFormatException(source, in.lineNumber, "this line is a header (" + named + " of its " + got.length
                    + " values are the format's column names, e.g. '" + got[0] + "'), but format '" + format.name()
                    + "' has none: remove the line, or use a format whose header is checked (DelimitedFormat.Header.CHECK)");
    }

    /**
     * Where a header differs from the format's column names: the first column that differs, or, when the counts differ,
     * the delimiter that would give the expected count, or the names missing and unexpected.
     */
    static String headerMismatch(DelimitedFormat d, String found) {
        List<String> want = d.columns().stream().map(DelimitedFormat.Column::name).toList();
        String[] got = DelimitedFormat.split(found, d.delimiter());
        if (got.length == want.size()) {
            List<String> differ = new ArrayList<>();
            for (int i = 0; i < got.length; i++)
                if (!got[i].equals(want.get(i))) differ.add("column " + (i + 1) + ": expected '" + want.get(i) + "', found '" + got[i] + "'");
            return differ.get(0) + (differ.size() > 1 ? " (and " + (differ.size() - 1) + " more columns differ)" : "");
        }
        for (char c : new char[] {',', '\t', ';', '|', ' '}) {
            if (c == d.delimiter()) continue;
            int n = DelimitedFormat.split(found, c).length;
            if (n == want.size())
                return "the header splits into " + columns(got.length) + " on " + DelimitedFormat.delimiterName(d.delimiter()) + " and " + columns(n) + " on "
                        + DelimitedFormat.delimiterName(c) + ", the format has " + want.size() + ": is the delimiter " + DelimitedFormat.delimiterName(c) + "?";
        }
        List<String> missing = new ArrayList<>(want), extra = new ArrayList<>(Arrays.asList(got));
        missing.removeAll(Arrays.asList(got));
        extra.removeAll(want);
        return "the header has " + columns(got.length) + ", the format " + want.size() + (missing.isEmpty() ? "" : "; missing: " + few(missing))
                + (extra.isEmpty() ? "" : "; not in the format: " + few(extra));
    }

    private static String few(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5).toString().replace("]", ", … (" + names.size() + " in all)]");
    }

    private static String columns(int n) {
        return n + (n == 1 ? " column" : " columns");
    }

    /** Counts of each provisional id over the training rows only: the first {@code trainRows} rows, or (−1) the seeded split's. */
    private int[][] trainCounts(IntSpill spill, TokenDictionary[] dict, int rows, int trainRows) {
        boolean[] train = new boolean[rows];
        if (trainRows >= 0) Arrays.fill(train, 0, trainRows, true);
        else {
            Rows tr = Split.of(rows, opt.splitSeed()).train();
            for (int i = 0; i < tr.size(); i++) train[tr.get(i)] = true;
        }
        int[][] c = new int[dict.length][];
        for (int f = 0; f < dict.length; f++) c[f] = new int[dict[f].size()];
        IntSpill.Reader r = spill.reader();
        for (int row = 0; row < rows; row++)
            for (int f = 0; f < dict.length; f++) {
                int id = r.next();
                if (train[row]) c[f][id]++;
            }
        return c;
    }

    /** Final index of each provisional id, or -1 when it goes to OOV: kept ids ordered by count, then bytes. */
    private static int[] vocabulary(TokenDictionary dict, int[] counts, int minCount) {
        Integer[] kept = java.util.stream.IntStream.range(0, dict.size()).filter(t -> counts[t] >= minCount).boxed().toArray(Integer[]::new);
        Arrays.sort(kept, (a, b) -> dict.compareForOrder(a, b, counts));
        int[] remap = new int[dict.size()];
        Arrays.fill(remap, -1);
        for (int i = 0; i < kept.length; i++) remap[kept[i]] = i;
        return remap;
    }
}
