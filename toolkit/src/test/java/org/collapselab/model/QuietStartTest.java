package org.collapselab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.collapselab.data.Schema;
import org.junit.jupiter.api.Test;

/**
 * A JVM that builds a model prints the toolkit's output, not ND4J's start-up report (about 20 INFO lines and 3
 * WARNs before), unless asked: the documented system property brings it back. Run in a child JVM with no logging
 * settings of its own, as a user's program starts.
 */
class QuietStartTest {
    /** What the child JVM runs: builds a small model and prints it. */
    public static void main(String[] args) {
        System.out.println("built " + CtrModel.build(ModelSpec.of(ModelKind.DNN), Schema.categorical(List.of("a", "b"), 5, 7), 0));
    }

    private static String run(String... properties) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(properties));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), QuietStartTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void nd4jsStartUpReportIsHiddenByDefaultAndComesBackOnRequest() throws Exception {
        String quiet = run();
        assertTrue(quiet.contains("built CtrModel[DNN SE K10"), quiet);
        assertFalse(quiet.contains("org.nd4j"), "old: ND4J's INFO and WARN lines on every start\n" + quiet);
        String chatty = run("-Dorg.slf4j.simpleLogger.log.org.nd4j=info");
        assertTrue(chatty.contains("INFO org.nd4j.linalg.factory.Nd4jBackend - Loaded [CpuBackend] backend"), chatty);
    }
}
