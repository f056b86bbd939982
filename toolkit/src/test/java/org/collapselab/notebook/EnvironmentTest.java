package org.collapselab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {
    @TempDir
    Path tmp;

    private Path repoWithNotebooks() throws IOException {
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo.resolve("toolkit"));
        Files.writeString(repo.resolve("toolkit/pom.xml"), "<project/>");
        return Files.createDirectories(repo.resolve("notebooks"));
    }

    @Test
    void defaultsFindTheRepositoryFromANotebookFolder() throws IOException {
        Path notebooks = repoWithNotebooks();
        Environment env = Environment.fromEnvironment(Map.of(), notebooks);
        Path repo = notebooks.getParent();
        assertEquals(new Environment(RunProfile.DEFAULT, repo.resolve("data"), Optional.empty(), Optional.empty(),
                repo.resolve("out")), env);
    }

    @Test
    void outsideARepositoryDefaultsAreUnderTheWorkingDirectory() {
        Environment env = Environment.fromEnvironment(Map.of(), tmp);
        assertEquals(tmp.resolve("data"), env.dataDir());
        assertEquals(tmp.resolve("out"), env.outDir());
    }

    @Test
    void valuesAreReadAndRelativePathsResolvedAgainstTheWorkingDirectory() throws IOException {
        Path criteo = Files.writeString(tmp.resolve("train.txt"), "");
        Environment env = Environment.fromEnvironment(Map.of(
                "COLLAPSELAB_PROFILE", " Smoke ",
                "COLLAPSELAB_DATA", "d",
                "COLLAPSELAB_OUT", "/abs/out",
                "COLLAPSELAB_CRITEO", "train.txt",
                "COLLAPSELAB_AVAZU", ""), tmp);
        assertEquals(RunProfile.SMOKE, env.profile());
        assertEquals(tmp.resolve("d"), env.dataDir());
        assertEquals(Path.of("/abs/out"), env.outDir());
        assertEquals(Optional.of(criteo), env.criteo());
        assertEquals(Optional.empty(), env.avazu(), "an empty value counts as unset");
    }

    @Test
    void aSparkMasterIsReadStrippedAndAbsentWhenUnsetOrEmpty() {
        assertEquals(Optional.of("spark://127.0.0.1:7077"),
                Environment.fromEnvironment(Map.of("COLLAPSELAB_SPARK", " spark://127.0.0.1:7077 "), tmp).spark());
        assertEquals(Optional.empty(), Environment.fromEnvironment(Map.of("COLLAPSELAB_SPARK", " "), tmp).spark());
        assertEquals(Optional.empty(), Environment.fromEnvironment(Map.of(), tmp).spark());
    }

    @Test
    void everyProfileParses() {
        for (RunProfile p : RunProfile.values())
            assertEquals(p, Environment.fromEnvironment(Map.of("COLLAPSELAB_PROFILE", p.label()), tmp).profile());
    }

    @Test
    void aBadProfileNamesTheVariableTheValueAndTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Environment.fromEnvironment(Map.of("COLLAPSELAB_PROFILE", "quick"), tmp));
        assertEquals("COLLAPSELAB_PROFILE='quick' is not a run profile; use one of: smoke | default | full", e.getMessage());
    }

    @Test
    void aMissingDatasetFailsNamingTheVariableAndPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Environment.fromEnvironment(Map.of("COLLAPSELAB_AVAZU", "nowhere/train.csv"), tmp));
        assertTrue(e.getMessage().startsWith("COLLAPSELAB_AVAZU=nowhere/train.csv: no such file or folder"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("nowhere/train.csv").toString()), e.getMessage());
    }

    @Test
    void describeIsOneLine() throws IOException {
        String d = Environment.fromEnvironment(Map.of(), repoWithNotebooks()).describe();
        assertTrue(d.startsWith("profile=default  data=") && d.endsWith("criteo=(not set)  avazu=(not set)"), d);
        assertTrue(!d.contains("\n"), d);
    }
}
