/**
 * The paper's claims as tested code: one function per claim a notebook states, over plain typed inputs (runs' test
 * predictions per scale and seed, IA per field, {@link org.collapselab.analysis.FieldIA},
 * {@link org.collapselab.analysis.SubEmbeddingIA}), each returning a {@link org.collapselab.paper.claim.Claim}
 * whose parts ({@link org.collapselab.paper.claim.Evidence}) carry an effect, its interval at
 * {@link org.collapselab.paper.claim.Thresholds#LEVEL}, the test that made it and a
 * {@link org.collapselab.paper.claim.Rule}; a part is held or not held only when its interval excludes the
 * rule's threshold, and inconclusive otherwise. {@link org.collapselab.paper.claim.Comparisons} makes the two
 * comparisons the claims are built from (test AUC paired on the same rows, IA paired over fields), and
 * {@link org.collapselab.paper.claim.Thresholds} holds every threshold once with the paper's words.
 * {@link org.collapselab.paper.claim.ClaimTable} shows a list of claims. Nothing here trains: the recipes produce
 * the inputs. Uses {@code org.collapselab.analysis}, {@code org.collapselab.train}'s predictions and Tablesaw only.
 */
package org.collapselab.paper.claim;
