package org.collapselab.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.collapselab.io.AtomicFiles;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart or a grid of charts (a heatmap with its row and column sums, say), rendered as one picture and saved
 * as PNG and SVG. Files are written to a temporary name and renamed, so a reader never sees half a figure.
 */
public final class Figure {
    private final List<Chart<?, ?>> charts;
    private final int columns;

    private Figure(List<Chart<?, ?>> charts, int columns) {
        if (charts.isEmpty()) throw new IllegalArgumentException("a figure needs at least one chart");
        if (columns < 1) throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        this.charts = List.copyOf(charts);
        this.columns = Math.min(columns, charts.size());
    }

    public static Figure of(Chart<?, ?> chart) {
        return new Figure(List.of(chart), 1);
    }

    /** Charts laid out left to right, {@code columns} per row; each keeps its own width and height (a row's tallest sets its height). */
    public static Figure grid(int columns, List<? extends Chart<?, ?>> charts) {
        return new Figure(List.copyOf(charts), columns);
    }

    public List<Chart<?, ?>> charts() {
        return charts;
    }

    private int rows() {
        return (charts.size() + columns - 1) / columns;
    }

    private int columnWidth(int c) {
        int w = 0;
        for (int i = c; i < charts.size(); i += columns) w = Math.max(w, charts.get(i).getWidth());
        return w;
    }

    private int rowHeight(int r) {
        int h = 0;
        for (int i = r * columns; i < Math.min(charts.size(), (r + 1) * columns); i++) h = Math.max(h, charts.get(i).getHeight());
        return h;
    }

    public int width() {
        int w = 0;
        for (int c = 0; c < columns; c++) w += columnWidth(c);
        return w;
    }

    public int height() {
        int h = 0;
        for (int r = 0; r < rows(); r++) h += rowHeight(r);
        return h;
    }

    private void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width(), height());
        int y = 0;
        for (int r = 0; r < rows(); r++) {
            int x = 0;
            for (int c = 0; c < columns && r * columns + c < charts.size(); c++) {
                Chart<?, ?> chart = charts.get(r * columns + c);
                AffineTransform saved = g.getTransform();
                g.translate(x, y);
                chart.paint(g, chart.getWidth(), chart.getHeight());
                g.setTransform(saved);
                x += columnWidth(c);
            }
            y += rowHeight(r);
        }
    }

    /** The figure as an image (what a notebook shows inline). */
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paint(g);
        g.dispose();
        return img;
    }

    public Path savePng(Path file) {
        return AtomicFiles.write(file, out -> {
            if (!ImageIO.write(toImage(), "png", out)) throw new IOException("no PNG writer in this JVM");
        });
    }

    public Path saveSvg(Path file) {
        return AtomicFiles.write(file, out -> {
            VectorGraphics2D g = new VectorGraphics2D();
            paint(g);
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height())).writeTo(out);
        });
    }

    /** Saves {@code dir/name.png} and {@code dir/name.svg}; returns both paths. */
    public List<Path> save(Path dir, String name) {
        if (name.isBlank() || name.contains("/")) throw new IllegalArgumentException("figure name must be a plain file name, got '" + name + "'");
        return List.of(savePng(dir.resolve(name + ".png")), saveSvg(dir.resolve(name + ".svg")));
    }
}
