package org.collapselab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.collapselab.analysis.FieldIA;
import org.collapselab.analysis.XavierUniform;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

class PlotsTest {
    @TempDir
    Path tmp;

    private static final Schema SCHEMA = Schema.categorical(List.of("big", "tiny", "mid"), 500, 4, 60);

    /** Distinct colours in the image: a blank or single-colour picture has one or two. */
    private static int colours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) for (int x = 0; x < img.getWidth(); x += 3) c.add(img.getRGB(x, y));
        return c.size();
    }

    private static void assertRendersAndSaves(Figure fig, Path dir, String name) throws IOException {
        List<Path> files = fig.save(dir, name);
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertEquals(fig.width(), png.getWidth());
        assertEquals(fig.height(), png.getHeight());
        assertTrue(colours(png) > 10, name + ": the PNG has content");
        String svg = Files.readString(files.get(1));
        assertTrue(svg.contains("<svg") && svg.contains("</svg>"), name + ": a complete SVG document");
        assertTrue(svg.length() > 2_000, name + ": the SVG has content");
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary files left");
        }
    }

    @Test
    void iaBarsAreSortedByCardinality() throws IOException {
        FieldIA learned = FieldIA.of(XavierUniform.table(SCHEMA, 8, 1), SCHEMA), random = FieldIA.randomBaseline(SCHEMA, 8, 2);
        CategoryChart c = Plots.iaVersusRandom(learned, random);
        List<?> categories = c.getSeriesMap().get("learned").getXData().stream().toList();
        assertEquals(List.of("tiny", "mid", "big"), categories);
        assertEquals(learned.ia("tiny"), c.getSeriesMap().get("learned").getYData().iterator().next().doubleValue(), 1e-12);
        assertRendersAndSaves(Figure.of(c), tmp, "ia");
    }

    @Test
    void iaPerFieldPutsEachValueOnItsFieldSortedByCardinality() throws IOException {
        List<String> fields = List.of("big", "tiny", "mid", "tiny too");
        int[] cardinalities = {500, 4, 60, 4};
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("SE", new double[]{1, 2, 3, 4});
        series.put("ME", new double[]{10, 20, 30, 40});
        CategoryChart c = Plots.iaPerField("IA per field", fields, cardinalities, series);
        assertEquals(List.of("SE", "ME"), List.copyOf(c.getSeriesMap().keySet()));
        // ascending cardinality, the two fields of 4 in the given order; each value stays with its field
        assertEquals(List.of("tiny", "tiny too", "mid", "big"), List.copyOf(c.getSeriesMap().get("SE").getXData()));
        assertEquals(List.of(2.0, 4.0, 3.0, 1.0), c.getSeriesMap().get("SE").getYData().stream().map(Number::doubleValue).toList());
        assertEquals(List.of(20.0, 40.0, 30.0, 10.0), c.getSeriesMap().get("ME").getYData().stream().map(Number::doubleValue).toList());
        assertRendersAndSaves(Figure.of(c), tmp, "ia-per-field");
    }

    @Test
    void iaPerFieldRejectsLengthsThatDoNotMatchTheFields() {
        List<String> fields = List.of("a", "b", "c");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.iaPerField("t", fields, new int[]{3, 2}, Map.of("SE", new double[]{1, 2, 3})));
        assertEquals("'t': 3 fields but 2 cardinalities", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Plots.iaPerField("t", fields, new int[]{3, 2, 1}, Map.of("ME", new double[]{1, 2})));
        assertEquals("'t': series 'ME' has 2 values for 3 fields", e.getMessage());
    }

    @Test
    void spectraHaveOneLinePerFieldWithNormalisedValues() throws IOException {
        FieldIA ia = FieldIA.of(XavierUniform.table(SCHEMA, 8, 1), SCHEMA);
        XYChart c = Plots.spectra(ia, List.of());
        assertEquals(3, c.getSeriesMap().size());
        var big = c.getSeriesMap().get("big");
        assertEquals(8, big.getYData().length);
        assertEquals(1.0, big.getYData()[0], 1e-12, "normalised: the first value is 1");
        assertEquals(ia.spectrum("big").values()[7] / ia.spectrum("big").max(), big.getYData()[7], 1e-12);
        assertRendersAndSaves(Figure.of(c), tmp, "spectra");
    }

    @Test
    void linesHaveOneUnmarkedSeriesPerInput() throws IOException {
        double[] x = {0, 10, 20, 30};
        XYChart c = Plots.lines("IA(E1)", "iteration", "IA", List.of(Series.of("small", x, new double[]{9, 7, 5, 4}),
                Series.of("large", x, new double[]{9, 9, 9.2, 9.1})));
        assertEquals(List.of("small", "large"), List.copyOf(c.getSeriesMap().keySet()));
        assertArrayEquals(new double[]{9, 7, 5, 4}, c.getSeriesMap().get("small").getYData(), 0);
        assertArrayEquals(x, c.getSeriesMap().get("large").getXData(), 0);
        assertEquals("iteration", c.getXAxisTitle());
        assertEquals(org.knowm.xchart.style.markers.SeriesMarkers.NONE, c.getSeriesMap().get("small").getMarker());
        assertRendersAndSaves(Figure.of(c), tmp, "lines");
    }

    @Test
    void heatmapComesWithItsRowAndColumnSums() throws IOException {
        double[][] m = {{1, 2, 3}, {4, 5, 6}};
        Figure f = Plots.heatmapWithSums("IA(E_i→j)", m, List.of("a", "b"), List.of("x", "y", "z"), "i", "j");
        assertEquals(3, f.charts().size());
        CategoryChart rows = (CategoryChart) f.charts().get(1), cols = (CategoryChart) f.charts().get(2);
        assertEquals(List.of(6.0, 15.0), rows.getSeriesMap().values().iterator().next().getYData().stream().map(Number::doubleValue).toList());
        assertEquals(List.of(5.0, 7.0, 9.0), cols.getSeriesMap().values().iterator().next().getYData().stream().map(Number::doubleValue).toList());
        assertEquals(f.charts().get(0).getWidth() + rows.getWidth() + cols.getWidth(), f.width());
        assertRendersAndSaves(f, tmp, "heatmap");
        assertThrows(IllegalArgumentException.class, () -> Plots.heatmapWithSums("t", m, List.of("a"), List.of("x", "y", "z"), "i", "j"));
    }

    @Test
    void scalingCurvesCarryErrorBars() throws IOException {
        XYChart c = Plots.scaling("DCNv2 on Criteo", "test AUC", List.of(
                new Series("SE", new double[]{1, 2, 4}, new double[]{0.80, 0.801, 0.800}, new double[]{0.001, 0.002, 0.001}),
                Series.of("ME", new double[]{1, 2, 4}, new double[]{0.80, 0.803, 0.806})));
        assertEquals(0.002, c.getSeriesMap().get("SE").getExtraValues()[1], 1e-12);
        assertEquals(null, c.getSeriesMap().get("ME").getExtraValues());
        assertRendersAndSaves(Figure.of(c), tmp, "scaling");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Series.of("bad", new double[]{1}, new double[]{1, 2}));
        assertEquals("series 'bad': 1 x values but 2 y values", e.getMessage());
    }

    @Test
    void iaOverEpochsHasAPointPerEpoch() throws IOException {
        XYChart c = Plots.iaOverEpochs("IA during training", List.of("f1", "f2"), new double[][]{{3, 4}, {2.5, 4.2}, {2, 4.4}});
        assertEquals(List.of(1.0, 2.0, 3.0), java.util.Arrays.stream(c.getSeriesMap().get("f2").getXData()).boxed().toList());
        assertEquals(4.4, c.getSeriesMap().get("f2").getYData()[2], 1e-12);
        assertRendersAndSaves(Figure.of(c), tmp, "ia-epochs");
    }
}
