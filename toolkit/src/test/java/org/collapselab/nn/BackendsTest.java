package org.collapselab.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {
    @Test
    void gpusUpToAmpereAreAccepted() {
        assertDoesNotThrow(() -> Backends.checkComputeCapabilities(List.of("8.6", "7.5", "3.7")));
        assertDoesNotThrow(() -> Backends.checkComputeCapabilities(List.of()));
        assertDoesNotThrow(() -> Backends.checkComputeCapabilities(List.of("[N/A]")));
    }

    @Test
    void hopperIsRefusedWithAnExplanation() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Backends.checkComputeCapabilities(List.of("8.0", " 9.0 ")));
        assertEquals("this GPU has compute capability 9.0 (Hopper or newer, e.g. H100/H200), but ND4J 1.0.0-M2.1's CUDA backend "
                + "(nd4j-cuda-11.6) carries code only up to 8.6 (Ampere) and cannot run on it under any driver; build without -Pcuda "
                + "to use the CPU backend", e.getMessage());
    }

    @Test
    void theCpuBackendNeedsNoCheck() {
        assertDoesNotThrow(Backends::checkSupported);    // no CUDA backend on this class path
    }
}
