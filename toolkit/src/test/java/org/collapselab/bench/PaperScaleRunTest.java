package org.collapselab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.collapselab.run.RunRecord;
import org.collapselab.run.RunRequest;
import org.collapselab.run.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper-scale commands on 3,000 rows: what they do at 45.8 M rows (README), checked for what they promise — the
 * epoch's run is stored once, another JVM's reopen and Spark find it instead of training it, and Spark's task trains
 * the one-step variant from the same cache. Times are printed, never asserted.
 */
class PaperScaleRunTest {
    private static String run(String... args) throws IOException {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            PaperScaleRun.main(args);
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        out.print(text);
        return text;
    }

    private static List<Path> records(RunStore store) throws IOException {
        try (Stream<Path> s = Files.list(store.dir())) {
            return s.filter(p -> RunStore.idOf(p).isPresent()).sorted().toList();
        }
    }

    @Test
    void theEpochIsStoredOnceAndFoundAgainByAnotherReaderAndBySparkWhichTrainsTheOneStepVariant(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("criteo.tsv"), dir = tmp.resolve("scale");
        assertTrue(run("generate", file.toString(), "3000").contains("3,000 rows"));
        String epoch = run("epoch", file.toString(), dir.toString());
        for (String phase : List.of("reading criteo.tsv", "encoding criteo.tsv", "cache: seal and verify", "epoch 1", "validation", "test",
                "run store: put", "analysis: per-field IA"))
            assertTrue(epoch.lines().anyMatch(l -> l.startsWith("phase ") && l.contains(phase)), "no phase '" + phase + "' in\n" + epoch);
        RunStore store = new RunStore(dir.resolve("runs"));
        RunRequest request = RunRequest.decode(Files.readString(dir.resolve("request.properties")));
        RunRecord stored = store.find(request.id()).orElseThrow();
        assertEquals(1, stored.epochs());
        assertEquals(0, request.config().maxStepsPerEpoch(), "the epoch trains every batch");
        Path record = store.file(request.id());
        FileTime written = Files.getLastModifiedTime(record);

        // the same command again, and another reader: the stored run, not a new one
        assertTrue(run("epoch", file.toString(), dir.toString()).contains("already in the run store"));
        assertTrue(run("reopen", dir.toString()).contains("trained 0, from the store 1"));
        assertEquals(written, Files.getLastModifiedTime(record));
        assertEquals(List.of(record), records(store));

        System.setProperty("spark.ui.enabled", "false");
        try {
            assertTrue(run("spark", "local[1]", dir.toString()).contains("trained 1, from the store 1"));
        } finally {
            System.clearProperty("spark.ui.enabled");
        }
        assertEquals(written, Files.getLastModifiedTime(record));
        List<Path> after = records(store);
        assertEquals(2, after.size(), "the stored run and the one-step variant: " + after);
        RunRecord variant = after.stream().filter(p -> !p.equals(record)).map(p -> store.find(RunStore.idOf(p).orElseThrow()).orElseThrow())
                .findFirst().orElseThrow();
        assertEquals(1, variant.request().config().maxStepsPerEpoch());
        assertEquals(request.data(), variant.request().data(), "the variant reads the same cache");
        assertEquals(stored.result().test().size(), variant.result().test().size(), "and is tested on the same rows");
    }
}
