/**
 * Statistics behind the verdicts on the paper's claims: an {@link org.collapselab.analysis.stats.Interval} for an
 * effect with its level and method, DeLong's variance of one AUC and of a paired AUC difference on the same test rows
 * ({@link org.collapselab.analysis.stats.DeLong}), and t-intervals over seeds or fields
 * ({@link org.collapselab.analysis.stats.Intervals}). Inputs are plain arrays; ranks come from
 * {@link org.collapselab.analysis.Correlation}, distributions from Commons Math.
 */
package org.collapselab.analysis.stats;
