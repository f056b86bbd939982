/**
 * File formats and sealed files: NumPy {@code .npy} and CSV matrices ({@link org.collapselab.io.MatrixFile}), SHA-256
 * digests, small text files sealed with their digest, atomic writes and properties written as stable text.
 *
 * <p>Every layer that writes or reads a file uses these, so the package depends on nothing else in the toolkit.
 */
package org.collapselab.io;
