/**
 * The run store: a {@link org.collapselab.run.RunRequest} (model, training settings, data) has an id derived from
 * every input, and {@link org.collapselab.run.RunStore} keeps each trained run once, with its predictions, its kept
 * weights and the measures computed from them on demand ({@link org.collapselab.run.RunMeasures}).
 *
 * <p>{@link org.collapselab.run.RunExecutor}s obtain runs (read back, or trained where missing) and
 * {@link org.collapselab.run.Recipe} is the one protocol of everything that needs runs: the paper's recipes, notebooks,
 * Spark.
 */
package org.collapselab.run;
