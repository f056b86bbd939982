package org.collapselab.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.collapselab.analysis.CollapseReport;
import org.collapselab.data.Schema;

/**
 * Where a concatenated table's fields come from, and what they are: the rows of each field in table order.
 *
 * <pre>{@code
 * FieldSource.parse("1000,30,7")                  // field1, field2, field3
 * FieldSource.parse("Criteo_x1/feature_map.json") // FuxiCTR: its embedded features, in its order
 * }</pre>
 *
 * @param schema the fields, by name and rows
 * @param origin where they came from, for the report ("3 sizes given", "feature_map.json: 39 features; ...")
 */
public record FieldSource(Schema schema, String origin) {
    public FieldSource {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code arg} read as a FuxiCTR {@code feature_map.json} when it names a {@code .json} file, else as a list of sizes. */
    public static FieldSource parse(String arg) {
        Objects.requireNonNull(arg, "arg");
        if (arg.toLowerCase(Locale.ROOT).endsWith(".json")) return featureMap(Path.of(arg));
        return sizes(arg);
    }

    /** Fields of the given names and rows, in table order. */
    public static FieldSource named(List<String> names, int... sizes) {
        return new FieldSource(Schema.categorical(names, sizes), names.size() + " named fields given");
    }

    /** Sizes separated by commas (or spaces), fields named {@code field1, field2, ...}. */
    public static FieldSource sizes(String list) {
        String[] parts = list.strip().split("[,\\s]+");
        if (list.isBlank()) throw new IllegalArgumentException("--fields: no sizes given (expected e.g. 1000,30,7 or a feature_map.json)");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--fields: '" + parts[i] + "' (size " + (i + 1) + ") is not a whole number; give sizes as 1000,30,7 "
                        + "or a feature_map.json file");
            }
            if (sizes[i] < 1) throw new IllegalArgumentException("--fields: size " + (i + 1) + " is " + sizes[i] + "; a field has at least one row");
        }
        return new FieldSource(Schema.categorical(CollapseReport.numbered(sizes.length), sizes), sizes.length + " field sizes given");
    }

    /**
     * A FuxiCTR {@code feature_map.json}: its {@code features} in order, each field the {@code vocab_size} rows of a
     * categorical or sequence feature; numeric features (embedded by their own linear layer, not a table's rows),
     * {@code meta} features and those with {@code share_embedding} (no rows of their own) are left out, and said so.
     */
    public static FieldSource featureMap(Path json) {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(json));
            if (!e.isJsonObject()) throw new JsonParseException("not a JSON object");
            root = e.getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(json + ": cannot read: " + e.getMessage(), e);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(json + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.has("features") || !root.get("features").isJsonArray())
            throw new IllegalArgumentException(json + ": no \"features\" list: not a FuxiCTR feature_map.json");
        List<String> names = new ArrayList<>(), skipped = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        int i = 0;
        for (JsonElement f : root.getAsJsonArray("features")) {
            i++;
            if (!f.isJsonObject() || f.getAsJsonObject().size() != 1)
                throw new IllegalArgumentException(json + ": feature " + i + " is not {\"name\": {...}}: " + f);
            var entry = f.getAsJsonObject().entrySet().iterator().next();
            String name = entry.getKey();
            if (!entry.getValue().isJsonObject()) throw new IllegalArgumentException(json + ": feature " + name + " has no spec object: " + entry.getValue());
            JsonObject spec = entry.getValue().getAsJsonObject();
            String type = spec.has("type") ? spec.get("type").getAsString() : "?";
            if (spec.has("share_embedding")) skipped.add(name + " (shares " + spec.get("share_embedding").getAsString() + "'s table)");
            else if (type.equals("numeric") || type.equals("meta")) skipped.add(name + " (" + type + ")");
            else if (!spec.has("vocab_size"))
                throw new IllegalArgumentException(json + ": feature " + name + " (" + type + ") has no vocab_size");
            else {
                int v;
                try {
                    v = spec.get("vocab_size").getAsInt();
                } catch (RuntimeException bad) {
                    throw new IllegalArgumentException(json + ": feature " + name + ": vocab_size " + spec.get("vocab_size") + " is not a whole number");
                }
                if (v < 1) throw new IllegalArgumentException(json + ": feature " + name + ": vocab_size " + v + " < 1");
                names.add(name);
                rows.add(v);
            }
        }
        if (names.isEmpty()) throw new IllegalArgumentException(json + ": no feature has rows of its own (vocab_size); skipped: " + skipped);
        String origin = json.getFileName() + ": " + names.size() + " features with vocab_size"
                + (skipped.isEmpty() ? "" : "; left out " + skipped.size() + ": " + String.join(", ", skipped));
        return new FieldSource(Schema.categorical(names, rows.stream().mapToInt(Integer::intValue).toArray()), origin);
    }
}
