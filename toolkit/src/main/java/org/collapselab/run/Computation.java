package org.collapselab.run;

import java.util.SortedMap;

/**
 * A result computed without a model run (the toy experiment's full-batch SGD), kept in the {@link RunStore} beside
 * the runs under an id derived from every input ({@link #identity()}): {@link RunStore#obtain(Computation)} computes it
 * once and reads it back ever after.
 *
 * @param <T> the result
 */
public interface Computation<T> {
    /** Everything the result depends on, one canonical entry each (e.g. {@code Canonical.of} of the computation's record). */
    SortedMap<String, String> identity();

    T compute();

    /** The result as text that {@link #decode} reads back to an equal result. */
    String encode(T result);

    T decode(String text);
}
