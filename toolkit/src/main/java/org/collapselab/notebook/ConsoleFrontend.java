package org.collapselab.notebook;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Output outside a kernel: text as is, images saved as PNG files whose paths are printed. */
final class ConsoleFrontend implements Frontend {
    private final PrintStream out;
    private final Path imageDir;
    private ConsoleLine open;
    private int images;

    /** {@code imageDir}: where images go; created on first use. */
    ConsoleFrontend(PrintStream out, Path imageDir) {
        this.out = out;
        this.imageDir = imageDir;
    }

    static ConsoleFrontend stdout() {
        return new ConsoleFrontend(System.out, Path.of(System.getProperty("java.io.tmpdir"), "collapselab-display"));
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public boolean rich() {
        return false;
    }

    @Override
    public synchronized void text(String text) {
        endOpenLine();
        out.println(text);
    }

    @Override
    public void html(String html) {
        text(html);
    }

    @Override
    public void markdown(String markdown) {
        text(markdown);
    }

    @Override
    public synchronized void image(BufferedImage image, String label) {
        Path file;
        try {
            Files.createDirectories(imageDir);
            file = Files.createTempFile(imageDir, "image-" + (++images) + "-", ".png");
            if (!ImageIO.write(image, "png", file.toFile()))
                throw new IOException("no PNG writer for image type " + image.getType());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save image '" + label + "' under " + imageDir + ": " + e.getMessage(), e);
        }
        text("[" + label + ": " + image.getWidth() + "x" + image.getHeight() + " PNG saved to " + file + "]");
    }

    @Override
    public synchronized LiveLine liveLine(String text) {
        endOpenLine();
        open = new ConsoleLine();
        open.replace(text);
        return open;
    }

    // Another output while a live line is open would be appended to it: finish that line first.
    private void endOpenLine() {
        if (open != null) open.close();
    }

    private final class ConsoleLine implements LiveLine {
        private int width;
        private boolean closed;

        @Override
        public void replace(String text) {
            synchronized (ConsoleFrontend.this) {
                if (closed) return;
                // pad with spaces so a shorter line fully covers the longer one before it
                out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
                out.flush();
                width = text.length();
            }
        }

        @Override
        public void close() {
            synchronized (ConsoleFrontend.this) {
                if (closed) return;
                closed = true;
                out.println();
                if (open == this) open = null;
            }
        }
    }
}
