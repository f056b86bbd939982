/**
 * Thin SameDiff helpers: naming, layers, initialisers, and the per-graph runtime state.
 *
 * <p>{@link org.collapselab.nn.Graph} owns one SameDiff graph and everything SameDiff 1.0.0-M2.1 cannot keep for
 * us; {@link org.collapselab.nn.Scope} names every variable hierarchically ({@code set0/interaction/layer0/w})
 * and seeds each variable's initial values from the graph seed and its name, never from ND4J's global RNG.
 * {@link org.collapselab.nn.Init} holds the PyTorch initialisers the paper's code uses. A model is built in two
 * passes over shared variables ({@link org.collapselab.nn.Graph#build}): training (batch statistics, dropout) and
 * evaluation (running statistics, nothing else), so inference runs none of training's ops.
 *
 * <p>M2.1 workarounds, each checked by a test:
 * <ul>
 *   <li>Dropout ops have no gradient ({@code doDiff} throws): {@link org.collapselab.nn.Dropout} multiplies by a
 *       mask constant that {@link org.collapselab.nn.Graph#prepare} redraws per step from the graph's own seeded RNG
 *       (ones in evaluation or when switched off for gradient checks).</li>
 *   <li>The {@code batchNorm} op always normalises with the statistics handed to it:
 *       {@link org.collapselab.nn.BatchNorm1d} is written out in elementary ops (batch statistics in the training
 *       pass, running ones in the evaluation pass), and the graph's listener folds each training batch's statistics into the running ones
 *       (momentum 0.1, unbiased variance) as PyTorch does.</li>
 *   <li>Any reduction along a dimension of size 1 throws a NullPointerException: batch statistics are computed as
 *       {@code (1/B)·1ᵀx} by mmul with the graph's ones column, so a batch of one row works.</li>
 *   <li>The gradient of a fed-in embedding input ({@code ein}) is captured in the listener's {@code opExecution},
 *       before SameDiff's updater rewrites it in place; the input's own updater is then replaced by a stateless zero
 *       one, because M2.1's Adam state is sized for the first batch (any other batch size throws) and would
 *       otherwise subtract from the caller's rows.</li>
 *   <li>A session neither caches nor closes the outputs it hands back or whose readers it did not run: after every
 *       {@link org.collapselab.nn.Graph#fit} and {@link org.collapselab.nn.Graph#output} pass,
 *       {@code Leftovers} gives them back to the graph's array pool, so a step at steady state allocates nothing
 *       new and leaves nothing for the garbage collector.</li>
 *   <li>M2.1's array cache knows arrays by {@code getId()}, which M2.1 gives twice (a reused array gets the id of the
 *       next new one), and holds a fixed quarter of JavaCPP's limit, less than a large model's training pass; it is one
 *       per session besides. Every session of a graph draws from one {@code ArrayPool} instead: arrays by identity, sized
 *       by the passes it serves.</li>
 * </ul>
 */
package org.collapselab.nn;
