package org.collapselab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.collapselab.report.NumpyReference.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code collapse-report} against the real producers: fixtures written by PyTorch's torch.save and NumPy, the report's
 * numbers against NumPy's from the same arrays, and every bad input refused naming the file and the problem.
 */
class CollapseReportCommandTest {
    static final Path FIX;

    static {
        try {
            FIX = NumpyReference.committed();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Test
    void everyCommittedFixtureGivesNumpysMeasures(@TempDir Path tmp) throws Exception {
        NumpyReference.checkEveryCase(FIX, tmp);
    }

    /**
     * Where PyTorch is installed (the test command installs Debian's python3-torch; CI must have it), the fixtures are
     * written again by the real producers: NumPy's numbers are those committed, and the fresh files read the same.
     */
    @Test
    void fixturesWrittenAgainByPyTorchAndNumpyMatchTheCommittedOnes(@TempDir Path tmp) throws Exception {
        java.util.Optional<Path> torch = PyTorch.python();
        if (torch.isEmpty() && "true".equals(System.getenv("CI"))) throw new AssertionError("CI must run this test: /usr/bin/python3 lacks torch or "
                + "numpy (kernel-setup/install.sh --torch installs python3-torch and python3-numpy)");
        Assumptions.assumeTrue(torch.isPresent(), "no PyTorch for /usr/bin/python3: install python3-torch python3-numpy to regenerate the fixtures");
        Path python = torch.get(), script = Path.of("src/test/python/make_fixtures.py"), fresh = tmp.resolve("fresh");
        Process p = new ProcessBuilder(python.toString(), script.toString(), fresh.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "make_fixtures.py failed: " + log);
        List<NumpyReference.Case> committed = NumpyReference.cases(FIX), again = NumpyReference.cases(fresh);
        assertEquals(committed.size(), again.size());
        for (int i = 0; i < committed.size(); i++) {
            NumpyReference.Case a = committed.get(i), b = again.get(i);
            assertEquals(a.file() + " " + a.key(), b.file() + " " + b.key());
            assertArrayEquals(a.sizes(), b.sizes());
            for (int f = 0; f < a.sizes().length; f++)
                for (String m : NumpyReference.MEASURES)
                    assertEquals(a.normalized().get(f).get(m).getAsDouble(), b.normalized().get(f).get(m).getAsDouble(),
                            1e-9 * Math.abs(a.normalized().get(f).get(m).getAsDouble()), a.file() + " " + a.key() + " " + m);
        }
        NumpyReference.checkEveryCase(fresh, tmp.resolve("reports"));
        assertRefused(fresh.resolve("legacy.pt"), "legacy torch.save format", "torch.save(torch.load(");
    }

    @Test
    void tablesWrittenWithTorchSaveReadBackExactly(@TempDir Path tmp) throws Exception {
        java.util.Optional<Path> python = PyTorch.python();
        if (python.isEmpty() && "true".equals(System.getenv("CI"))) throw new AssertionError("CI must run this test: no PyTorch for /usr/bin/python3");
        Assumptions.assumeTrue(python.isPresent(), "no PyTorch for /usr/bin/python3");
        org.collapselab.io.TensorFile f = org.collapselab.io.TensorFile.open(FIX.resolve("me_state_dict.pt"));
        java.util.Map<String, org.collapselab.io.MatrixFile> tables = new java.util.LinkedHashMap<>();
        tables.put("embeddings.1.weight", f.matrix("embeddings.1.weight"));
        tables.put("embeddings.0.weight", f.matrix("embeddings.0.weight"));
        Path out = PyTorch.saveStateDict(python.get(), tables, tmp.resolve("again.pt"));
        org.collapselab.io.TensorFile back = org.collapselab.io.TensorFile.open(out);
        assertEquals(List.of("embeddings.1.weight", "embeddings.0.weight"), back.tensors().stream().map(org.collapselab.io.TensorInfo::name).toList());
        for (String k : tables.keySet()) assertEquals(tables.get(k), back.matrix(k));
    }

    @Test
    void measuresCsvHasTheDocumentedColumnsAndThePageItsInputs(@TempDir Path tmp) throws Exception {
        Path file = FIX.resolve("dcnv2_state_dict.pt");
        Result r = NumpyReference.command(file.toString(), "--fields", "40,13,9", "--out", tmp.toString());
        assertEquals(0, r.status(), r.err());
        List<String> header = List.of(Files.readAllLines(tmp.resolve("measures.csv")).get(0).split(","));
        assertEquals(List.of("field", "set", "rows", "ia", "effective_rank", "stable_rank", "numerical_rank", "alpha", "ia_random", "effective_rank_random",
                "stable_rank_random", "numerical_rank_random", "alpha_random"), header);
        assertTrue(r.out().contains("embedding.embedding.weight [62, 6] float32"), "the default choice is the embedding table: " + r.out());
        String page = Files.readString(tmp.resolve("report.html"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        assertTrue(page.contains(sha), "the page names the file's SHA-256");
        assertTrue(page.contains("Collapse Lab " + ModelReport.toolkitVersion()) && !ModelReport.toolkitVersion().equals("unknown"));
        assertEquals(2, count(page, "<img "), "a spectra chart and an IA-versus-random chart");
        String measures = page.substring(page.indexOf("id=\"measures\""));
        assertEquals(3, count(measures.substring(0, measures.indexOf("</table>")), "<tr><td>"), "one row per field");
        assertTrue(page.contains("<td class=\"n\">1.721</td>"), "field1's IA, rounded for people (NumPy: 1.72094)");
    }

    @Test
    void aPatternReportsTheMTablesOfAMultiEmbeddingModelAsSetsInOrder(@TempDir Path tmp) throws Exception {
        Result r = NumpyReference.command(FIX.resolve("me_state_dict.pt").toString(), "--key", "embeddings\\.\\d+\\.weight", "--fields", "40,13,9",
                "--out", tmp.resolve("a").toString());
        assertEquals(0, r.status(), r.err());
        Table t = NumpyReference.csv(tmp.resolve("a/measures.csv"));
        assertEquals(9, t.rowCount());
        for (int i = 0; i < 9; i++) {
            assertEquals("embeddings." + i / 3 + ".weight", t.stringColumn("set").get(i));
            assertEquals("field" + (i % 3 + 1), t.stringColumn("field").get(i));
        }
        List<NumpyReference.Case> me = NumpyReference.cases(FIX).stream().filter(c -> c.file().equals("me_state_dict.pt")).toList();
        for (int i = 0; i < 9; i++)
            assertEquals(me.get(i / 3).normalized().get(i % 3).get("ia").getAsDouble(), t.numberColumn("ia").getDouble(i), 1e-9);
        // the random baseline is one table of the shape: the same for every set
        assertEquals(t.numberColumn("ia_random").getDouble(0), t.numberColumn("ia_random").getDouble(3), 0);
        // without --key, the tensors named like embeddings, of one shape, are the sets
        Result d = NumpyReference.command(FIX.resolve("me_state_dict.pt").toString(), "--fields", "40,13,9", "--out", tmp.resolve("b").toString());
        assertEquals(0, d.status(), d.err());
        assertEquals(Files.readString(tmp.resolve("a/measures.csv")), Files.readString(tmp.resolve("b/measures.csv")));
        assertEquals(6, count(Files.readString(tmp.resolve("b/report.html")), "<img "), "two charts per set");
    }

    @Test
    void fieldsFromAFuxiCtrFeatureMapAreItsEmbeddedFeaturesInOrder(@TempDir Path tmp) throws Exception {
        Path map = tmp.resolve("feature_map.json");
        Files.writeString(map, """
                {"dataset_id": "tiny", "num_fields": 6, "total_features": 62, "input_length": 6, "labels": ["label"],
                 "features": [
                  {"I1": {"source": "", "type": "numeric"}},
                  {"C1": {"source": "", "type": "categorical", "padding_idx": 0, "oov_idx": 39, "vocab_size": 40}},
                  {"C2": {"source": "", "type": "categorical", "padding_idx": 0, "oov_idx": 12, "vocab_size": 13}},
                  {"C2_copy": {"source": "", "type": "categorical", "share_embedding": "C2", "vocab_size": 13}},
                  {"hist": {"source": "", "type": "sequence", "padding_idx": 0, "max_len": 5, "vocab_size": 9}}
                 ]}
                """);
        Result r = NumpyReference.command(FIX.resolve("dcnv2_state_dict.pt").toString(), "--fields", map.toString(), "--out", tmp.resolve("r").toString());
        assertEquals(0, r.status(), r.err());
        Table t = NumpyReference.csv(tmp.resolve("r/measures.csv"));
        assertEquals(List.of("C1", "C2", "hist"), t.stringColumn("field").asList());
        assertTrue(r.out().contains("left out 2: I1 (numeric), C2_copy (shares C2's table)"), r.out());
        NumpyReference.Case dcn = NumpyReference.cases(FIX).get(0);
        for (int f = 0; f < 3; f++) assertEquals(dcn.normalized().get(f).get("ia").getAsDouble(), t.numberColumn("ia").getDouble(f), 1e-9);
    }

    @Test
    void aRunOfTheStoreIsReportedWithItsOwnFieldsAndSets(@TempDir Path tmp) throws Exception {
        org.collapselab.data.SyntheticCriteo gen = new org.collapselab.data.SyntheticCriteo(600, new int[] {4}, new int[] {12, 12, 12}, 0.5, 0.05, 2, 0.8,
                1.0, 0.3, 4);
        org.collapselab.data.EncodedDataset data = org.collapselab.data.CtrData.load(gen.write(tmp.resolve("t.tsv")), gen.format(),
                org.collapselab.data.PreprocessOptions.builder().cacheDir(tmp).minCount(1).build());
        org.collapselab.train.TrainConfig c = org.collapselab.train.TrainConfig.builder().batchSize(100).maxEpochs(1).seed(4).build();
        org.collapselab.run.RunRequest me2 = org.collapselab.run.RunRequest.of(org.collapselab.model.ModelSpec.builder(org.collapselab.model.ModelKind.DCNV2)
                .embeddingSize(3).hidden(6).build().scale(2, org.collapselab.model.EmbeddingMode.MULTI), c, data);
        org.collapselab.run.RunStore store = new org.collapselab.run.RunStore(tmp.resolve("runs"), org.collapselab.run.RunStore.Keep.WEIGHTS);
        org.collapselab.run.RunRecord run = store.put(org.collapselab.run.RunTrainer.train(me2, data));
        Result r = NumpyReference.command(store.file(run.id()).toString(), "--out", tmp.resolve("r").toString());
        assertEquals(0, r.status(), r.err());
        Table t = NumpyReference.csv(tmp.resolve("r/measures.csv"));
        org.collapselab.run.KeptWeights w = store.weights(run);
        assertEquals(2 * data.schema().size(), t.rowCount(), "every field of both sets");
        for (int m = 0; m < 2; m++) {
            double[] ia = org.collapselab.analysis.FieldIA.of(w.table(m), w.schema()).ia();
            for (int f = 0; f < ia.length; f++) {
                int row = m * ia.length + f;
                assertEquals(data.schema().field(f).name(), t.stringColumn("field").get(row));
                assertEquals("set" + m, t.stringColumn("set").get(row));
                assertEquals(ia[f], t.numberColumn("ia").getDouble(row), 1e-12);
            }
        }
        assertTrue(Files.readString(tmp.resolve("r/report.html")).contains(run.description()), "the page names the run");
        assertUsage(NumpyReference.command(store.file(run.id()).toString(), "--key", "x", "--out", tmp.toString()), "--key does not apply");
    }

    @Test
    void helpExplainsEveryOptionAndBadArgumentsAreRefused() {
        Result h = NumpyReference.command("--help");
        assertEquals(0, h.status());
        for (String o : List.of("--key", "--fields", "--raw", "--seed", "--tolerance", "--out", "feature_map.json", "state_dict", ".safetensors", ".npz",
                "measures.csv", "report.html", "_random"))
            assertTrue(h.out().contains(o), "--help mentions " + o);
        assertUsage(NumpyReference.command(FIX.resolve("half.pt").toString()), "no --out DIR given");
        assertUsage(NumpyReference.command("--out", "x"), "no FILE given");
        assertUsage(NumpyReference.command("a.pt", "b.pt", "--out", "x"), "one FILE only");
        assertUsage(NumpyReference.command("a.pt", "--frobnicate", "--out", "x"), "unknown option --frobnicate");
        assertUsage(NumpyReference.command("a.pt", "--seed", "one", "--out", "x"), "--seed: 'one' is not a number");
        assertUsage(NumpyReference.command("a.pt", "--out"), "--out needs a value");
    }

    @Test
    void everyBadInputIsRefusedNamingTheFileAndTheProblem(@TempDir Path tmp) throws Exception {
        Path dcn = FIX.resolve("dcnv2_state_dict.pt"), bad = FIX.resolve("bad_tensors.pt");
        assertRefused(dcn, List.of("--key", "nope"), "no tensor has the key 'nope'", "embedding.embedding.weight [62, 6] float32");
        assertRefused(dcn, List.of("--key", "emb("), "not a valid pattern");
        assertRefused(dcn, List.of("--fields", "40,13,8"), "sum to 61 rows but the table has 62");
        assertUsage(NumpyReference.command(dcn.toString(), "--fields", "40,x,9", "--out", tmp.toString()), "--fields: 'x' (size 2) is not a whole number");
        assertUsage(NumpyReference.command(dcn.toString(), "--tolerance", "2", "--out", tmp.toString()), "tolerance must be in (0, 1)");
        assertRefused(FIX.resolve("legacy.pt"), "legacy torch.save format", "torch.save(torch.load(");
        assertRefused(bad, List.of("--key", "emb"), "tensor 'emb': row 17, column 2 (0-based): NaN is not finite");
        assertRefused(bad, List.of("--key", "cube"), "tensor 'cube' has shape [2, 3, 4] (3-D)");
        assertRefused(bad, List.of("--key", "steps"), "tensor 'steps' holds int64");
        assertRefused(FIX.resolve("whole_model.pt"), "a whole pickled object (__main__.DCNv2)", "model.state_dict()");
        assertRefused(FIX.resolve("views.pt"), List.of("--key", "transposed|sliced"), "the sets differ in shape");
        assertRefused(FIX.resolve("views.pt"), "choose the table with --key", "base [62, 62] float32");
        assertRefused(tmp.resolve("missing.pt"), "no such file");

        byte[] whole = Files.readAllBytes(dcn);
        Path truncated = Files.write(tmp.resolve("truncated.pt"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertRefused(truncated, "damaged zip");
        byte[] flipped = whole.clone();
        int at = indexOf(whole, "dcnv2_state_dict/data/0".getBytes()) + 200;    // inside the embedding table's storage
        flipped[at] ^= 0x10;
        assertRefused(Files.write(tmp.resolve("flipped.pt"), flipped), "fails its CRC-32 check");
        assertRefused(Files.writeString(tmp.resolve("text.pt"), "not a checkpoint\n"), "not a zip archive");

        Path script = tmp.resolve("script.pt");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(script))) {
            for (String n : List.of("m/data.pkl", "m/constants.pkl", "m/code/__torch__.py")) {
                z.putNextEntry(new ZipEntry(n));
                z.write(new byte[] {(byte) 0x80, 2, '}', '.'});
            }
        }
        assertRefused(script, "TorchScript archive (torch.jit.save)");

        byte[] st = Files.readAllBytes(FIX.resolve("table.safetensors"));
        assertRefused(Files.write(tmp.resolve("cut.safetensors"), java.util.Arrays.copyOf(st, st.length - 100)), List.of("--key", "emb_bf16.weight"),
                "lie outside the");
        Path map = Files.writeString(tmp.resolve("feature_map.json"), "{\"features\": 3}");
        assertUsage(NumpyReference.command(dcn.toString(), "--fields", map.toString(), "--out", tmp.toString()), map + ": no \"features\" list");
    }

    private static void assertRefused(Path file, String... parts) {
        assertRefused(file, List.of(), parts);
    }

    private static void assertRefused(Path file, List<String> options, String... parts) {
        List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "--out", file.resolveSibling("never-written").toString()));
        args.addAll(options);
        Result r = NumpyReference.command(args.toArray(String[]::new));
        assertEquals(2, r.status(), "refused: " + args + "\n" + r.out());
        assertTrue(r.err().contains(file.toString()), "the message names the file: " + r.err());
        for (String p : parts) assertTrue(r.err().contains(p), "the message says '" + p + "': " + r.err());
        assertTrue(!Files.exists(file.resolveSibling("never-written")), "nothing written");
    }

    /** Refused before any file is read: exit 2, the message says {@code part}. */
    private static void assertUsage(Result r, String part) {
        assertEquals(2, r.status());
        assertTrue(r.err().contains(part), r.err());
    }

    static int count(String s, String sub) {
        Matcher m = Pattern.compile(Pattern.quote(sub)).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static int indexOf(byte[] b, byte[] sub) {
        outer:
        for (int i = 0; i + sub.length <= b.length; i++) {
            for (int j = 0; j < sub.length; j++) if (b[i + j] != sub[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
