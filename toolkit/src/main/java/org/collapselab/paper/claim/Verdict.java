package org.collapselab.paper.claim;

/** Whether a claim of the paper held on a run's numbers. */
public enum Verdict {
    /** The numbers meet the claim's rule. */
    HELD("held"),
    /** The numbers could decide and do not meet the rule. */
    NOT_HELD("not held"),
    /** The numbers cannot decide (too few sizes, seeds, epochs or fields, ...); the claim's reason says which. */
    INCONCLUSIVE("inconclusive");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** Lower-case words, for tables and sentences. */
    public String label() {
        return label;
    }

    /** {@link #HELD} when {@code held}, {@link #NOT_HELD} otherwise. */
    public static Verdict of(boolean held) {
        return held ? HELD : NOT_HELD;
    }
}
