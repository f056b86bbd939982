/**
 * The paper's claims as tested code: one function per claim a notebook states, over plain typed inputs (arrays, maps
 * from scale factor to per-seed values, {@link org.collapselab.analysis.FieldIA},
 * {@link org.collapselab.analysis.SubEmbeddingIA}, run tables with documented columns), each returning a
 * {@link org.collapselab.experiment.claim.Claim}: statement, statistic, rule, a
 * {@link org.collapselab.experiment.claim.Verdict} (held, not held, inconclusive) and the reason.
 * {@link org.collapselab.experiment.claim.ClaimTable} shows a list of them. One class per part of the paper:
 * {@link org.collapselab.experiment.claim.SpectraClaims} (Fig. 2), {@link org.collapselab.experiment.claim.InteractionClaims}
 * (Fig. 3), {@link org.collapselab.experiment.claim.ToyClaims} (Fig. 4), {@link org.collapselab.experiment.claim.EvidenceIIIClaims}
 * (Fig. 5), {@link org.collapselab.experiment.claim.EvidenceIVClaims} (Fig. 6), {@link org.collapselab.experiment.claim.ScalingClaims}
 * (Table 1), {@link org.collapselab.experiment.claim.MultiEmbeddingClaims} (Fig. 9) and
 * {@link org.collapselab.experiment.claim.DynamicsClaims} (beyond the paper). Nothing here trains: the recipes
 * produce the inputs. Uses {@code org.collapselab.analysis} and Tablesaw only.
 */
package org.collapselab.experiment.claim;
