package org.collapselab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void linesAreRateLimitedPerTaskAndTheEndIsAlwaysSaid() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0]);
        for (int i = 1; i <= 100; i++) {
            now[0] = i * 200_000_000L;    // 0.2 s per update: 20 s in all
            p.update("epoch 1", i * 1000L, 100_000, "loss 0.5");
        }
        p.done("epoch 1");
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), "one line per 5 s (at 5.2, 10.2 and 15.2 s), and the end: " + lines);
        assertEquals("epoch 1: 26,000 of 100,000, 5,200/s  loss 0.5", lines.get(0));
        assertEquals("epoch 1: done, 100,000 in 19.8 s", lines.get(3));
    }

    @Test
    void theConsoleDecidesTheDefault() {
        assertSame(TrainContext.NONE, TrainContext.defaults(false), "no terminal (tests, notebooks, pipes): quiet");
        assertTrue(TrainContext.defaults(true).progress() instanceof ConsoleProgress);
    }
}
