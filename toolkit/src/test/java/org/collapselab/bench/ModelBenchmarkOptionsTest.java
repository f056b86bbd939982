package org.collapselab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelBenchmarkOptionsTest {
    @Test
    void heavyFormsDefaultToTheLightOnesAndApplyAboveOneX() {
        var o = ModelBenchmark.Options.parse(new String[]{"--warmup", "30", "--infer-steps", "10", "--steps-per-window", "3"});
        assertEquals(30, o.warmupAt(4));
        assertEquals(10, o.inferStepsAt(4));
        assertEquals(3, o.stepsAt(4));
        var h = ModelBenchmark.Options.parse(new String[]{"--warmup", "30", "--heavy-warmup", "3", "--infer-steps", "10", "--heavy-infer-steps", "2"});
        assertEquals(30, h.warmupAt(1));
        assertEquals(3, h.warmupAt(4));
        assertEquals(10, h.inferStepsAt(1));
        assertEquals(2, h.inferStepsAt(4));
        var zero = ModelBenchmark.Options.parse(new String[]{"--warmup", "30", "--heavy-warmup", "0"});
        assertEquals(0, zero.warmupAt(4), "no warm-up at 4x is a choice, not a default");
    }

    @Test
    void aVariantsJvmGetsTheDriversProtocol() {
        var o = ModelBenchmark.Options.parse(new String[]{"--windows", "7", "--warmup", "30", "--heavy-warmup", "3", "--infer-steps", "10",
                "--heavy-infer-steps", "2", "--heavy-steps", "1", "--profile"});
        var again = ModelBenchmark.Options.parse(o.passOn().toArray(String[]::new));
        assertEquals(o.windows(), again.windows());
        for (int scale : new int[]{1, 4}) {
            assertEquals(o.warmupAt(scale), again.warmupAt(scale));
            assertEquals(o.inferStepsAt(scale), again.inferStepsAt(scale));
            assertEquals(o.stepsAt(scale), again.stepsAt(scale));
        }
        assertTrue(again.profile());
        var e = assertThrows(IllegalArgumentException.class, () -> ModelBenchmark.Options.parse(new String[]{"--heavy-warmups", "3"}));
        assertTrue(e.getMessage().contains("--heavy-warmup W4"), e.getMessage());
    }
}
