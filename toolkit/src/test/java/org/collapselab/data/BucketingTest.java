package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BucketingTest {

    // Expected tokens worked out by hand from floor(ln(v)^2) for v > 2 and v - 2 otherwise.
    @ParameterizedTest
    @CsvSource({
            "-5, -7", "-1, -3", "0, -2", "1, -1", "2, 0",
            "3, 1",          // ln 3 = 1.0986, squared 1.2069
            "7, 3",          // ln 7 = 1.9459, squared 3.7866
            "8, 4",          // ln 8 = 2.0794, squared 4.3241
            "100, 21",       // ln 100 = 4.6052, squared 21.2076
            "17668, 95",     // ln 17668 = 9.7795, squared 95.64
            "1000000000, 429" // ln 1e9 = 20.7233, squared 429.45
    })
    void matchesTheFormula(long v, long expected) {
        assertEquals(expected, Bucketing.criteoToken(v));
        assertEquals(expected, Bucketing.criteoToken((double) v), "float-written integers bucket alike");
    }

    @Test
    void floatWrittenIntegersParseLikeIntegers() {
        byte[] b = "260.0".getBytes();
        assertEquals(Bucketing.criteoToken(260), LineParser.numericToken(b, 0, b.length));
        byte[] c = "-1.000".getBytes();
        assertEquals(-3, LineParser.numericToken(c, 0, c.length));
        byte[] d = "2.5".getBytes();
        assertEquals(Bucketing.criteoToken(2), LineParser.numericToken(d, 0, d.length), "non-integral values truncate down");
        byte[] e = "abc".getBytes();
        assertEquals(Long.MIN_VALUE, LineParser.numericToken(e, 0, e.length));
    }

    @Test
    void nonFiniteValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Bucketing.criteoToken(Double.NaN));
    }
}
