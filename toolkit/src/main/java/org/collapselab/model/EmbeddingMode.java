package org.collapselab.model;

/** How a model is scaled up: one wider embedding set, or several sets of the base width (the paper's ME). */
public enum EmbeddingMode {
    /** Single-embedding (SE): one table per field; "n×" means K = n·K_base. */
    SINGLE("SE"),
    /** Multi-embedding (ME): M tables per field, each with its own interaction; "n×" means n sets of K_base. */
    MULTI("ME");

    private final String label;

    EmbeddingMode(String label) {
        this.label = label;
    }

    /** The paper's short name: SE or ME. */
    public String label() {
        return label;
    }
}
