/**
 * The paper's experiments as {@link org.collapselab.run.Recipe}s (the toy, spectra, the interaction-collapse law,
 * evidence III and IV, the scaling grid, the multi-embedding analysis, collapse dynamics), each returning a typed
 * result with its tables, series and claims.
 *
 * <p>The claims themselves, with the thresholds and the paper's words beside them, are in
 * {@code org.collapselab.paper.claim}; the notebooks show what these results hold and compute nothing themselves.
 */
package org.collapselab.paper;
