/**
 * Embedding-collapse analysis on any float or double matrix: singular spectra ({@link org.collapselab.analysis.Spectrum}),
 * information abundance ({@link org.collapselab.analysis.InformationAbundance}), per-field IA of a concatenated
 * table ({@link org.collapselab.analysis.FieldIA}) and its seeded Xavier-uniform baseline
 * ({@link org.collapselab.analysis.XavierUniform}).
 *
 * <p>Inputs are ND4J arrays (float or double, any order or view, read in place) or row-major {@code float[]}.
 * By default rows are scaled to unit length before the decomposition, as for the paper's figures, and singular
 * values come from the double-precision Gram matrix; {@link org.collapselab.analysis.SpectrumOptions} selects
 * Definition 1 as written ({@code RAW}) or a direct LAPACK SVD. Sub-embedding IA, cross-layer norms and the collapse
 * report of any {@code .npy}/CSV table are here too. This package uses nothing of the toolkit but {@code data} and {@code io}.
 */
package org.collapselab.analysis;
