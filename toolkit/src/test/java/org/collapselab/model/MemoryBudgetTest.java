package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.collapselab.data.Schema;
import org.collapselab.data.SyntheticCriteo;
import org.junit.jupiter.api.Test;

/** The default memory budget respects the JVM's off-heap limits, not only physical memory (issue 12). */
class MemoryBudgetTest {
    private static final long G = 1L << 30;

    @Test
    void theLeastLimitWinsAndIsNamed() {
        // -Xmx1g on a 24 GB machine: JavaCPP's defaults are maxBytes = 1 GB, maxPhysicalBytes = 4 GB
        MemoryBudget xmx1g = MemoryBudget.of(24 * G, G, 4 * G, G);
        assertEquals(G, xmx1g.bytes());
        assertTrue(xmx1g.limitedBy().startsWith("JavaCPP's off-heap limit maxBytes"), xmx1g.limitedBy());
        assertEquals((long) (0.9 * 4 * G), MemoryBudget.of(4 * G, 8 * G, 20 * G, 4 * G).bytes(), "physical memory");
        MemoryBudget phys = MemoryBudget.of(24 * G, 8 * G, 9 * G, 4 * G);
        assertEquals(5 * G, phys.bytes(), "maxPhysicalBytes less the heap");
        assertTrue(phys.limitedBy().startsWith("JavaCPP's maxPhysicalBytes"), phys.limitedBy());
        assertEquals(Long.MAX_VALUE, MemoryBudget.of(0, 0, 0, G).bytes(), "no limit known");
    }

    @Test
    void theBuildersDefaultIsWithinThisJvmsOffHeapLimit() {
        // a model over any budget: the exception carries the default budget the builder used
        ModelSpec spec = ModelSpec.builder(ModelKind.XDEEPFM).build().scale(10, EmbeddingMode.MULTI);
        Schema criteo = Schema.categorical(java.util.stream.IntStream.range(0, 39).mapToObj(i -> "f" + i).toList(),
                Arrays.stream(SyntheticCriteo.CRITEO_FIELD_DIMS).toArray());
        ModelTooLargeException e = assertThrows(ModelTooLargeException.class,
                () -> CtrModel.builder(spec, criteo).batchSize(1 << 22).build());
        assertTrue(e.budget() <= Pointer.maxBytes(), "budget " + e.budget() + " over JavaCPP's maxBytes " + Pointer.maxBytes());
        assertEquals(MemoryBudget.detect().bytes(), e.budget());
        assertTrue(e.getMessage().startsWith(spec.label() + " on 39 fields with "), e.getMessage());
        assertTrue(e.getMessage().contains(e.estimate().toString()), "the message carries the estimate: " + e.getMessage());
        assertTrue(e.getMessage().contains("over the memory budget of"), e.getMessage());
    }
}
