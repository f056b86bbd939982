package org.collapselab.paper;

import java.util.List;
import org.collapselab.paper.claim.Claim;
import tech.tablesaw.api.Table;

/**
 * What every recipe of the paper returns, besides what is particular to it: its main table (exact values; the notebooks
 * print it rounded for people) and the paper's claims judged on it, each with its interval.
 */
public interface PaperResult {
    /** The result's main table. */
    Table table();

    /** The paper's claims this result judges, in the paper's order. */
    List<Claim> claims();
}
