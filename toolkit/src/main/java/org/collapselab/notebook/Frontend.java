package org.collapselab.notebook;

import java.awt.image.BufferedImage;

/** Where {@link Display} sends output: a Jupyter kernel's display channel, or a plain stream. */
interface Frontend {
    /** A short name of what this frontend talks to, e.g. {@code rapaio-jupyter-kernel} or {@code console}. */
    String name();

    /** Whether HTML and images render (a notebook) rather than print as text. */
    boolean rich();

    void text(String text);

    void html(String html);

    void markdown(String markdown);

    /** Shows an image; {@code label} names it where it cannot be shown inline. */
    void image(BufferedImage image, String label);

    /** A line of text that later replaces itself in place (progress). */
    LiveLine liveLine(String text);

    interface LiveLine {
        void replace(String text);

        /** The line is final; later output goes below it. */
        void close();
    }
}
