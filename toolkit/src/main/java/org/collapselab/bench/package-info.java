/**
 * Benchmark entry points (data, analysis, model): they print medians and a ratio to a reference measured in the same
 * run, and assert nothing.
 *
 * <p>Benchmarks are not tests: {@code toolkit/PERFORMANCE.md} logs what they measured.
 */
package org.collapselab.bench;
