package org.collapselab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.collapselab.data.CtrFormat;
import org.collapselab.data.EncodedDataset;
import org.collapselab.data.FormatSamples;
import org.collapselab.run.RunExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabTest {
    @TempDir
    Path tmp;

    /** A raw Criteo or Avazu file the project writes itself (the test needs no sample from outside it). */
    private Path sample(CtrFormat format, int rows) {
        return FormatSamples.write(tmp.resolve("samples").resolve(format.name().replace(' ', '_')), FormatSamples.lines(format, rows, 1));
    }

    private Path avazuSample() {
        return sample(CtrFormat.avazuCsv(), 100);
    }

    private Lab lab(RunProfile profile, Optional<Path> avazu) {
        return lab(profile, Optional.empty(), avazu);
    }

    private Lab lab(RunProfile profile, Optional<Path> criteo, Optional<Path> avazu) {
        return Lab.of(new Environment(profile, tmp.resolve("data"), criteo, avazu, tmp.resolve("out")));
    }

    @Test
    void criteoIsTheRealFileInTheFullProfileWhenGiven() {
        EncodedDataset c = lab(RunProfile.FULL, Optional.of(sample(CtrFormat.criteoTsv(), 100)), Optional.empty()).criteo();
        assertEquals(100, c.rows(), "the raw train.txt's 100 lines");
        assertEquals(39, c.schema().size(), "I1..I13 and C1..C26");
        assertTrue(Files.isDirectory(tmp.resolve("data/cache")), "its cache goes to data/cache");
        assertTrue(Files.notExists(tmp.resolve("data/generated")), "nothing generated when the real file is given");
    }

    @Test
    void aCriteoDatasetThatComesSplitIsTrainedOnItsPartsFromTheEnvironment() throws Exception {
        List<String> lines = FormatSamples.lines(CtrFormat.criteoCsv(), 100, 1);    // a header, then 100 rows
        Path dir = Files.createDirectories(tmp.resolve("Criteo_x1"));
        Path train = Files.write(dir.resolve("train.csv"), lines.subList(0, 81)), valid = Files.write(dir.resolve("valid.csv"),
                java.util.stream.Stream.concat(lines.subList(0, 1).stream(), lines.subList(81, 91).stream()).toList());
        Path test = Files.write(dir.resolve("test.csv"), java.util.stream.Stream.concat(lines.subList(0, 1).stream(), lines.subList(91, 101).stream()).toList());
        String sep = java.io.File.pathSeparator;
        Environment env = Environment.fromEnvironment(java.util.Map.of(Environment.PROFILE, "full", Environment.CRITEO_PARTS, train + sep + valid + sep + test,
                Environment.DATA, tmp.resolve("data").toString()), tmp);
        EncodedDataset c = Lab.of(env).criteo();
        assertEquals(List.of(80, 10, 10), java.util.Arrays.stream(c.parts().orElseThrow()).boxed().toList());
        assertEquals(java.util.stream.IntStream.range(90, 100).boxed().toList(), java.util.Arrays.stream(c.split().test().toArray()).boxed().toList());
        var two = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Environment.fromEnvironment(
                java.util.Map.of(Environment.CRITEO_PARTS, train + sep + valid), tmp));
        assertTrue(two.getMessage().contains("give three files"), two.getMessage());
    }

    @Test
    void avazuIsUsedInTheFullProfileWhenGiven() {
        Optional<EncodedDataset> a = lab(RunProfile.FULL, Optional.of(avazuSample())).avazu();
        assertTrue(a.isPresent());
        assertEquals(100, a.get().rows());
        assertEquals(22, a.get().schema().size(), "Avazu's 22 fields, id dropped");
        assertTrue(Files.isDirectory(tmp.resolve("data/cache")), "its cache goes to data/cache");
    }

    @Test
    void runsAreTrainedOnSparkWhenAMasterIsNamedAndInThisJvmOtherwise() {
        assertEquals("org.collapselab.run.SequentialExecutor", lab(RunProfile.SMOKE, Optional.empty()).runs().getClass().getName());
        Lab onSpark = Lab.of(new Environment(RunProfile.SMOKE, tmp.resolve("data"), Optional.empty(), Optional.empty(), tmp.resolve("out"),
                Optional.of("local[1]")));
        RunExecutor e = onSpark.runs();
        assertEquals("org.collapselab.cluster.SparkRunExecutor", e.getClass().getName());
        assertEquals(onSpark.runStore().dir(), e.store().dir(), "the same run store as the sequential executor's");
        assertSame(e, onSpark.runs(), "one executor, so one Spark context, per notebook");
    }

    @Test
    void noAvazuOutsideTheFullProfileOrWithoutAFile() {
        assertTrue(lab(RunProfile.DEFAULT, Optional.of(avazuSample())).avazu().isEmpty());
        assertTrue(lab(RunProfile.FULL, Optional.empty()).avazu().isEmpty());
    }

    @Test
    void profilesScaleUpFromSmokeToFull() {
        Lab.Settings smoke = lab(RunProfile.SMOKE, Optional.empty()).settings(), full = lab(RunProfile.FULL, Optional.empty()).settings();
        assertTrue(smoke.rows() < full.rows() && smoke.maxEpochs() < full.maxEpochs());
        assertEquals(List.of(1, 2, 3, 4, 10), full.scales(), "the paper's scale factors");
        assertEquals(3, full.seeds().size(), "the paper repeats each run 3 times");
    }
}
