package org.collapselab.notebook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplayTest {
    @TempDir
    Path tmp;

    private static XYChart chart() {
        XYChart c = new XYChartBuilder().width(400).height(300).title("spectrum").xAxisTitle("i").yAxisTitle("sigma").build();
        c.addSeries("field 1", new double[] {1, 2, 3, 4}, new double[] {1, 0.5, 0.2, 0.05});
        return c;
    }

    private static Table table(int rows) {
        return Table.create("ia",
                StringColumn.create("field", IntStream.range(0, rows).mapToObj(i -> "C" + i).toArray(String[]::new)),
                DoubleColumn.create("ia", IntStream.range(0, rows).mapToDouble(i -> i / 10.0).toArray()));
    }

    private String consoleShow(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Display.show(value, new ConsoleFrontend(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void outsideAKernelTheConsoleIsUsedAndNothingThrows() {
        assertEquals("console", Display.target());
        assertFalse(Display.inNotebook());
        assertDoesNotThrow(() -> {
            Display.show(null);
            Display.show("plain text");
            Display.show(table(3));
            Display.show(chart());
            Display.html("<b>bold</b>");
            Display.markdown("# title");
        });
    }

    @Test
    void consoleFallbackPrintsTextForStringsAndNull() {
        assertEquals("hello\n", consoleShow("hello").replace("\r\n", "\n"));
        assertEquals("null\n", consoleShow(null).replace("\r\n", "\n"));
    }

    @Test
    void consoleFallbackPrintsTheTable() {
        String out = consoleShow(table(3));
        assertTrue(out.contains("field") && out.contains("C2") && out.contains("0.2"), out);
    }

    @Test
    void consoleFallbackSavesTheChartAsAPngAndPrintsItsPath() throws IOException {
        String out = consoleShow(chart());
        Matcher m = Pattern.compile("chart 'spectrum': 400x300 PNG saved to (\\S+\\.png)").matcher(out);
        assertTrue(m.find(), out);
        Path png = Path.of(m.group(1));
        assertTrue(png.startsWith(tmp), png + " not under " + tmp);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "not a readable image: " + png);
        assertEquals(400, img.getWidth());
    }

    @Test
    void chartPngDecodesAndIsNotUniform() throws IOException {
        byte[] png = Display.png(chart());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "PNG bytes do not decode");
        assertEquals(400, img.getWidth());
        assertEquals(300, img.getHeight());
        long colours = IntStream.range(0, img.getHeight())
                .flatMap(y -> IntStream.range(0, img.getWidth()).map(x -> img.getRGB(x, y)))
                .distinct().count();
        assertTrue(colours > 10, "only " + colours + " colours: the chart was not drawn");
    }

    @Test
    void inANotebookChartsAreImagesAndTablesHtml() {
        RecordingFrontend f = new RecordingFrontend();
        Display.show(chart(), f);
        Display.show(table(2), f);
        Display.show(null, f);
        assertEquals("image: chart 'spectrum'", f.shown.get(0));
        assertEquals(400, f.images.get(0).getWidth());
        assertTrue(f.shown.get(1).startsWith("html: <p><b>ia</b> 2 rows &times; 2 columns</p>"), f.shown.get(1));
        assertTrue(f.shown.get(1).contains("<table"), f.shown.get(1));
        assertEquals("text: null", f.shown.get(2));
    }

    @Test
    void aFigureShowsAsOneImageOfAllItsPanels() {
        RecordingFrontend f = new RecordingFrontend();
        org.collapselab.plot.Figure fig = org.collapselab.plot.Figure.grid(2, java.util.List.of(chart(), chart()));
        Display.show(fig, f);
        assertEquals("image: chart 'spectrum'", f.shown.get(0));
        assertEquals(fig.width(), f.images.get(0).getWidth());
        assertEquals(2 * chart().getWidth(), f.images.get(0).getWidth());
    }

    @Test
    void tableHtmlEscapesCellsAndSaysWhatWasLeftOut() {
        Table t = table(150);
        t.stringColumn("field").set(0, "<script>");
        String html = Display.tableHtml(t, 100);
        assertTrue(html.contains("150 rows &times; 2 columns, first 100 shown"), html);
        assertTrue(html.contains("C99") && !html.contains("C100"), "rows beyond 100 were written");
        assertFalse(html.contains("<script>"), "cell text not escaped");
    }

    @Test
    void aFailingFrontendDoesNotThrow() {
        Frontend broken = new RecordingFrontend() {
            @Override
            public void text(String text) {
                throw new IllegalStateException("kernel went away");
            }
        };
        PrintStream err = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertDoesNotThrow(() -> Display.show("x", broken));
        } finally {
            System.setErr(err);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("kernel went away"));
    }

    @Test
    void tablesShowAucAndLoglossWithFourDecimalsIaWithThreeAndSecondsWithOne() {
        Table t = Table.create("runs", tech.tablesaw.api.DoubleColumn.create("test AUC", 0.7102773817318331),
                tech.tablesaw.api.DoubleColumn.create("test logloss", 0.45), tech.tablesaw.api.DoubleColumn.create("seconds", 40.529042487),
                tech.tablesaw.api.DoubleColumn.create("ratio", 3.14159), tech.tablesaw.api.DoubleColumn.create("mean IA", 5.35312345),
                tech.tablesaw.api.DoubleColumn.create("IAx", 2.71828));
        String html = Display.tableHtml(Display.forPeople(t), 10);
        // before: the quickstart's table showed 0.7102773817318331 and 40.529042487
        assertTrue(html.contains("0.7103") && html.contains("0.4500") && html.contains("40.5"), html);
        assertFalse(html.contains("0.71027") || html.contains("40.52"), html);
        assertTrue(html.contains("3.14159") && html.contains("2.71828"), "other columns as they are: " + html);
        assertTrue(html.contains("5.353") && !html.contains("5.3531"), "IA with 3 decimals: " + html);
        assertEquals(0.7102773817318331, t.doubleColumn("test AUC").get(0), 0, "the values stay exact");
    }

    @Test
    void collapseMeasureColumnsShowThreeDecimals() {
        Table t = Table.create("measures", tech.tablesaw.api.DoubleColumn.create("effective_rank", 7.123456),
                tech.tablesaw.api.DoubleColumn.create("alpha_random", 0.0123456), tech.tablesaw.api.DoubleColumn.create("alphabet", 1.23456));
        String html = Display.tableHtml(Display.forPeople(t), 10);
        assertTrue(html.contains("7.123") && !html.contains("7.1234") && html.contains("0.012") && !html.contains("0.0123"), html);
        assertTrue(html.contains("1.23456"), "a column that only starts like a measure's name is left as it is: " + html);
    }
}
