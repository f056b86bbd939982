/**
 * CTR data: formats, preprocessing, the encoded dataset, splits, batches and synthetic generators.
 *
 * <p>{@link org.collapselab.data.CtrData#load CtrData.load(file, format)} turns a raw file into an
 * {@link org.collapselab.data.EncodedDataset}: per field a compact column of indices (1, 2 or 4 bytes per row;
 * the last index of a field is its OOV index), the labels, the {@link org.collapselab.data.Schema} (names,
 * cardinalities, offsets into one concatenated embedding table) and a
 * {@link org.collapselab.data.PreprocessReport} that accounts for every line. Preprocessing follows the paper's
 * released code (DESIGN §4) except where it was unsafe: bad lines are counted and reported instead of silently
 * skipped, and the index order is deterministic (by count, then token bytes) instead of Python set order.
 *
 * <p>The encoded dataset lives in a binary cache file, written atomically and verified (checksums, source
 * identity, options) on every load; it is memory-mapped, so full Criteo (45.8M rows) need not fit on the heap.
 * The first pass parses on one thread and interns tokens on another.
 *
 * <p>This package uses only {@code org.collapselab.io}; everything above may use it.
 */
package org.collapselab.data;
