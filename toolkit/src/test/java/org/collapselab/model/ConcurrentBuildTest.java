package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;

class ConcurrentBuildTest {
    @Test
    void modelsBuiltOnSeveralThreadsAtOnceLeaveSystemOutWorking() throws Exception {
        Schema schema = Schema.categorical(List.of("a", "b", "c"), 7, 5, 3);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream mine = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(mine);
        try {
            // old: each build saved System.out, silenced it and restored what it had saved; two builds at once could
            // restore the other's silent stream, and all later output vanished (5-11 of 30 tries)
            for (int round = 0; round < 6; round++) {
                List<Thread> threads = new ArrayList<>();
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < 4; t++) {
                    long seed = round * 10L + t;
                    Thread th = new Thread(() -> {
                        try {
                            CtrModel.build(ModelSpec.builder(ModelKind.DNN).embeddingSize(2).hidden(4).build(), schema, seed);
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                    th.start();
                    threads.add(th);
                }
                for (Thread th : threads) th.join();
                assertTrue(failures.isEmpty(), failures.toString());
                assertTrue(System.out == mine, "round " + round + ": System.out is no longer the stream it was before the builds");
            }
            System.out.println("still here");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("still here"), "output after the builds reached System.out");
        assertTrue(!out.contains("Added differentiated op"), "SameDiff's build chatter stays out");
    }
}
