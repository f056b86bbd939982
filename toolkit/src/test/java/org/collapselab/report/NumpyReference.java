package org.collapselab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.collapselab.analysis.CollapseMeasure;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The fixtures that {@code src/test/python/make_fixtures.py} writes with PyTorch and NumPy, and the measures NumPy
 * computes from the same arrays ({@code expected.json}): what the report's numbers are checked against.
 */
final class NumpyReference {
    private NumpyReference() {}

    static final List<String> MEASURES = CollapseMeasure.standard().stream().map(CollapseMeasure::name).toList();

    /** The committed fixtures. */
    static Path committed() throws Exception {
        return Path.of(NumpyReference.class.getResource("/models/expected.json").toURI()).getParent();
    }

    /** One case of expected.json: a file, a key, its field sizes and NumPy's measures per field, row-normalised and raw. */
    record Case(String file, String key, int[] sizes, List<JsonObject> normalized, List<JsonObject> raw) {
        String sizesArg() {
            return String.join(",", java.util.Arrays.stream(sizes).mapToObj(String::valueOf).toList());
        }
    }

    static List<Case> cases(Path dir) throws Exception {
        JsonObject root = JsonParser.parseString(Files.readString(dir.resolve("expected.json"))).getAsJsonObject();
        List<Case> out = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            int[] sizes = new int[c.getAsJsonArray("sizes").size()];
            for (int i = 0; i < sizes.length; i++) sizes[i] = c.getAsJsonArray("sizes").get(i).getAsInt();
            JsonObject m = c.getAsJsonObject("measures");
            out.add(new Case(c.get("file").getAsString(), c.get("key").getAsString(), sizes, objects(m.getAsJsonArray("normalized")),
                    objects(m.getAsJsonArray("raw"))));
        }
        return out;
    }

    private static List<JsonObject> objects(com.google.gson.JsonArray a) {
        List<JsonObject> o = new ArrayList<>();
        for (JsonElement e : a) o.add(e.getAsJsonObject());
        return o;
    }

    /** Runs the command; returns its exit status, stdout and stderr. */
    record Result(int status, String out, String err) {}

    static Result command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = CollapseReportCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Table csv(Path file) throws Exception {
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypesToDetect(List.of(tech.tablesaw.api.ColumnType.STRING,
                tech.tablesaw.api.ColumnType.DOUBLE)).build());
    }

    /**
     * Every case of {@code dir} through the command (row-normalised and {@code --raw}): measures.csv holds NumPy's
     * numbers for each field to 1e-6 relative (the numerical rank exactly); {@code out} takes the reports.
     */
    static void checkEveryCase(Path dir, Path out) throws Exception {
        List<Case> cases = cases(dir);
        if (cases.size() < 12) throw new AssertionError("expected.json has only " + cases.size() + " cases");
        for (Case c : cases)
            for (boolean raw : new boolean[] {false, true}) {
                Path to = out.resolve(c.file() + "-" + c.key() + (raw ? "-raw" : ""));
                List<String> args = new ArrayList<>(List.of(dir.resolve(c.file()).toString(), "--key", java.util.regex.Pattern.quote(c.key()),
                        "--fields", c.sizesArg(), "--out", to.toString()));
                if (raw) args.add("--raw");
                Result r = command(args.toArray(String[]::new));
                assertEquals(0, r.status(), c + ": " + r.err());
                Table t = csv(to.resolve("measures.csv"));
                List<JsonObject> want = raw ? c.raw() : c.normalized();
                assertEquals(want.size(), t.rowCount(), c.file() + " " + c.key());
                for (int f = 0; f < want.size(); f++) {
                    assertEquals("field" + (f + 1), t.stringColumn("field").get(f));
                    assertEquals(c.key(), t.stringColumn("set").get(f));
                    assertEquals(c.sizes()[f], t.numberColumn("rows").getDouble(f), 0);
                    for (String m : MEASURES) {
                        double expected = want.get(f).get(m).getAsDouble(), got = t.numberColumn(m).getDouble(f);
                        String what = c.file() + " " + c.key() + (raw ? " raw" : "") + " field" + (f + 1) + " " + m;
                        if (m.equals("numerical_rank")) assertEquals(expected, got, 0, what);
                        else assertEquals(expected, got, 1e-6 * Math.abs(expected), what);
                    }
                }
            }
    }
}
