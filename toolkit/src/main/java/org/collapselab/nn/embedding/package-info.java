/**
 * Embedding tables outside the SameDiff graph.
 *
 * <p>A subpackage of {@code nn} rather than part of it: the store is not a graph helper but storage with its
 * own optimiser and file format, used by {@code model} and {@code train}; {@code interaction} never sees it.
 * The graph side of the seam is {@link org.collapselab.nn.Graph#embeddingInput}/{@code feed}/{@code gradient};
 * the table side is {@link org.collapselab.nn.embedding.EmbeddingStore#lookup} and
 * {@link org.collapselab.nn.embedding.EmbeddingStore#apply}.
 *
 * <p>Why outside: SameDiff M2.1's gather gradient is broken (shape errors; duplicate indices overwrite instead of
 * summing), and gather_nd/embedding_lookup have none. Outside the graph the tables are also directly readable
 * for analysis, and the paper's dense Adam (every row decays and moves every step) costs one pass over the table.
 *
 * <p>Two kernels implement lookup and update: {@code DIRECT} (Java loops over the host buffers; CPU backend) and
 * {@code NDARRAY} (ND4J array operations only, for the CUDA backend); {@code AUTO} picks by backend. Both are
 * tested against the same plain-loop reference of PyTorch's Adam.
 */
package org.collapselab.nn.embedding;
