package org.collapselab.notebook;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much work a notebook does: {@code SMOKE} for tests (few rows, epochs and scales),
 * {@code DEFAULT} for a laptop run in minutes, {@code FULL} for the paper's settings.
 * What each level means in rows and epochs is up to the experiment recipes.
 */
public enum RunProfile {
    SMOKE, DEFAULT, FULL;

    /** The name as users write it in {@code COLLAPSELAB_PROFILE}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a profile name, case-insensitively; {@code variable} names where the value came from,
     * for the error message.
     */
    public static RunProfile parse(String value, String variable) {
        for (RunProfile p : values()) if (p.label().equalsIgnoreCase(value.strip())) return p;
        String allowed = Arrays.stream(values()).map(RunProfile::label).collect(Collectors.joining(" | "));
        throw new IllegalArgumentException(variable + "='" + value + "' is not a run profile; use one of: " + allowed);
    }
}
