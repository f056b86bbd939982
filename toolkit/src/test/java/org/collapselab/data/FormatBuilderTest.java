package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A layout of your own, described by name: columns from the header, roles, the label rule. */
class FormatBuilderTest {
    @TempDir
    Path tmp;

    /** A Frappe_x1-shaped file: a header of named columns, then rows of 0/1 labels and categorical tokens. */
    private Path frappe(String name, int rows, long seed) {
        StringBuilder sb = new StringBuilder("label,user,item,daytime,weekday,isweekend,homework,cost,weather,country,city\n");
        Random rnd = new Random(seed);
        for (int r = 0; r < rows; r++) {
            sb.append(rnd.nextInt(2));
            for (int f = 0; f < 10; f++) sb.append(",t").append(rnd.nextInt(f + 3));
            sb.append('\n');
        }
        return TestFiles.write(tmp, name, sb.toString());
    }

    @Test
    void aThreeFileLayoutWithColumnsFromTheHeaderLoadsWithItsSplit() {
        Path train = frappe("train.csv", 200, 1), valid = frappe("valid.csv", 40, 2), test = frappe("test.csv", 40, 3);
        DelimitedFormat f = DelimitedFormat.builder("Frappe").columnsFromHeader(train).label("label").build();
        assertEquals(11, f.columns().size());
        assertEquals(DelimitedFormat.Header.CHECK, f.header());
        assertEquals(1, f.defaultMinCount());
        EncodedDataset d = CtrData.load(DataParts.of(train, valid, test), f, TestFiles.options(tmp.resolve("cache")).build());
        assertEquals(List.of("user", "item", "daytime", "weekday", "isweekend", "homework", "cost", "weather", "country", "city"), d.schema().names());
        assertEquals(280, d.rows());
        assertEquals(3 + 1, d.schema().cardinality(0), "min count 1: every token seen has its index, plus OOV");
    }

    @Test
    void aRatingBecomesALabelByThresholdAndABadOneIsNamed() {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < 50; r++) lines.add((r % 7) + "\t" + (r % 11) + "\t" + (1 + r % 5) + "\t" + (880000000 + r));
        lines.add("3\t4\tfive\t880000099");
        Path file = TestFiles.write(tmp, "u.data", String.join("\n", lines) + "\n");
        DelimitedFormat ml = DelimitedFormat.builder("MovieLens-100K").delimiter('\t').header(DelimitedFormat.Header.NONE)
                .columns("user_id", "item_id", "rating", "timestamp").label("rating", LabelRule.atLeast(4)).skip("timestamp").build();
        EncodedDataset d = CtrData.load(file, ml, TestFiles.options(tmp.resolve("cache")).rejectBudget(0.05).build());
        for (int r = 0; r < 50; r++) assertEquals(1 + r % 5 >= 4 ? 1 : 0, d.label(r), "row " + r);
        PreprocessReport.Rejects bad = d.report().rejects().get(0);
        assertEquals("line 51: column rating: label must be a number, 1 when >= 4.0, found 'five'", bad.example());
        assertEquals(List.of("user_id", "item_id"), d.schema().names());
    }

    @Test
    void aMappingLabelsTokens() {
        Path file = TestFiles.write(tmp, "clicks.csv", "event,ad\nclick,a\nview,b\nview,a\nclick,b\n");
        DelimitedFormat f = DelimitedFormat.builder("events").columnsFromHeader(file).label("event", LabelRule.mapping(Map.of("click", 1, "view", 0))).build();
        EncodedDataset d = CtrData.load(file, f, TestFiles.options(tmp.resolve("cache")).build());
        assertEquals(List.of(1, 0, 0, 1), java.util.stream.IntStream.range(0, 4).map(d::label).boxed().toList());
    }

    @Test
    void mistakesInTheDescriptionAreNamed() {
        Path tsv = TestFiles.write(tmp, "ratings.tsv", "user_id\titem_id\trating\n1\t2\t5\n");
        var delim = assertThrows(DataFormatException.class, () -> DelimitedFormat.builder("ml").columnsFromHeader(tsv));
        assertEquals(tsv + ":1: the header splits into 1 column on ',' and 3 on TAB: is the delimiter TAB? (builder.delimiter(...) before "
                + "columnsFromHeader)", delim.getMessage());
        var name = assertThrows(IllegalArgumentException.class,
                () -> DelimitedFormat.builder("ml").delimiter('\t').columnsFromHeader(tsv).label("ratng").build());
        assertEquals("ml: no column 'ratng'; the columns are [user_id, item_id, rating]", name.getMessage());
        var label = assertThrows(IllegalArgumentException.class, () -> DelimitedFormat.builder("ml").columns("a", "b").build());
        assertTrue(label.getMessage().contains("name the label column"), label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelRule.mapping(Map.of("x", 2)));
    }
}
