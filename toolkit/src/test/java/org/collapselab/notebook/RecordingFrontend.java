package org.collapselab.notebook;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** A notebook stand-in that records what it was asked to show, as "kind: content" entries. */
class RecordingFrontend implements Frontend {
    final List<String> shown = new ArrayList<>();
    final List<BufferedImage> images = new ArrayList<>();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public boolean rich() {
        return true;
    }

    @Override
    public void text(String text) {
        shown.add("text: " + text);
    }

    @Override
    public void html(String html) {
        shown.add("html: " + html);
    }

    @Override
    public void markdown(String markdown) {
        shown.add("markdown: " + markdown);
    }

    @Override
    public void image(BufferedImage image, String label) {
        images.add(image);
        shown.add("image: " + label);
    }

    @Override
    public LiveLine liveLine(String text) {
        shown.add("open: " + text);
        return new LiveLine() {
            @Override
            public void replace(String t) {
                shown.add("replace: " + t);
            }

            @Override
            public void close() {
                shown.add("close");
            }
        };
    }
}
