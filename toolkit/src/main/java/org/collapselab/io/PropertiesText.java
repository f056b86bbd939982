package org.collapselab.io;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Properties as text the store keeps: sorted lines without the date comment (the same content, the same bytes), doubles
 * written exactly ({@link Double#toString}) so that a value read back equals the one written, and a missing entry named.
 */
public final class PropertiesText {
    private PropertiesText() {}

    public static String write(Properties p) {
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.stream(w.toString().split("\n")).filter(l -> !l.startsWith("#")).sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    public static Properties read(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The entry {@code key} of {@code what} (e.g. "the run record"), refused when missing. */
    public static String get(Properties p, String key, String what) {
        String v = p.getProperty(key);
        if (v == null) throw new IllegalArgumentException(what + " has no '" + key + "' entry");
        return v;
    }

    public static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    public static double[] doubles(String s) {
        return s.isEmpty() ? new double[0] : Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
