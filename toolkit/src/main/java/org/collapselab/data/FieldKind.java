package org.collapselab.data;

/** What a field's raw values are: integers bucketed into tokens, or categorical strings. */
public enum FieldKind {
    /** Integer counts; tokenised by {@link Bucketing} (Criteo's I1..I13). */
    NUMERIC,
    /** Opaque strings (hashes, ids); each distinct string is a token. */
    CATEGORICAL
}
