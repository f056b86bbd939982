package org.collapselab.data;

/** Why a line was not turned into a row. */
public enum RejectReason {
    EMPTY_LINE("empty line"),
    COLUMN_COUNT("wrong number of columns"),
    LABEL("label is not 0 or 1 (libFM: also -1/+1)"),
    NUMBER("not a number in a numeric column"),
    HOUR("not a YYMMDDHH timestamp"),
    LIBFM_PAIR("not an idx:val pair");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
