/**
 * Feature-interaction modules behind one strategy interface, {@link org.collapselab.interaction.Interaction}.
 *
 * <p>A module maps one embedding set's flattened rows {@code ein} [B, F·w] to features; its
 * {@link org.collapselab.interaction.Interaction.Readout} tells the model skeleton what follows. One skeleton
 * serves SE (one set) and ME (M sets): per set, {@code apply} under that set's scope, then the readout's per-set
 * part, the mean over sets, and the shared rest:
 * <ul>
 *   <li>{@code MLP} (DNN {@link org.collapselab.interaction.Concat}, IPNN {@link org.collapselab.interaction.InnerProduct},
 *       NFwFM {@link org.collapselab.interaction.Nfwfm}, DCNv2 {@link org.collapselab.interaction.CrossNetV2}): per-set first
 *       MLP block, mean, shared rest of the MLP.</li>
 *   <li>{@code LINEAR} (xDeepFM's {@link org.collapselab.interaction.Cin}): mean, shared Linear(32, 1). xDeepFM is the
 *       pair [Cin (LINEAR), Concat (MLP)] with the two logits summed.</li>
 *   <li>{@code FUSION} (FinalMLP's {@link org.collapselab.interaction.TwoStream}): mean of the stream outputs, shared
 *       {@link org.collapselab.interaction.BilinearFusion}.</li>
 *   <li>{@code SUM} ({@link org.collapselab.interaction.Fm}, {@link org.collapselab.interaction.Ffm}): mean, added to the
 *       logit.</li>
 * </ul>
 * Regularised variants (Evidence III) return their loss term in {@link org.collapselab.interaction.Interaction.Output}.
 *
 * <p>M2.1 workarounds: {@code tensorMmul}'s backward is broken and batched small products run far below the GEMM's
 * rate, so CIN's 1×1 convolution is matrix products with the weight, a same-shape multiply and a 0/1 sum, without
 * the F·H products; gather's backward is broken, so IPNN's features select the i&lt;j pairs with a constant 0/1
 * matrix product. In a model the first MLP layer multiplies a skewed Gram matrix, which holds every pair's product at
 * least once in F·⌈F/2⌉ columns, by the weight's pair rows scattered to their places ({@code Output.linearInput}):
 * the selection is paid once per step on the weight rather than once per row. Every module's gradients (parameters
 * and {@code ein}) are checked by finite differences in double precision, and so is the product each hands its MLP
 * readout.
 */
package org.collapselab.interaction;
