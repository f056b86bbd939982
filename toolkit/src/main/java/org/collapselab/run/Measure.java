package org.collapselab.run;


/**
 * Something computed from a stored run's kept weights and record, on demand: {@link RunStore#measure} computes it once
 * and caches it by (run id, {@link #key}), so a measure added after the runs were trained reads them without training.
 *
 * @param <T> the value
 */
public interface Measure<T> {
    /** A name unique among measures that includes every option changing the value (letters, digits, '-', '_', '.'). */
    String key();

    /** The value for one run. */
    T compute(RunRecord run, KeptWeights weights);

    /** The value as text that {@link #decode} reads back to an equal value. */
    String encode(T value);

    T decode(String text);
}
