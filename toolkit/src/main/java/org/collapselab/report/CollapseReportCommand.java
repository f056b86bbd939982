package org.collapselab.report;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code toolkit/bin/collapse-report}: the collapse report of any trained embedding model, in one command.
 * {@link #run} does the work and returns the exit status, so that tests call it without a JVM of their own.
 */
public final class CollapseReportCommand {
    private CollapseReportCommand() {}

    static final String HELP = """
            Usage: collapse-report FILE [--key NAME|PATTERN] [--fields SIZES|feature_map.json] [--raw] [--seed N] [--tolerance T] --out DIR

            Measures how far the embedding tables of a trained model have collapsed (Guo et al., ICML 2024), per field,
            beside a random table of the same shape, and writes DIR/report.html (one self-contained page: the measures
            rounded, the spectra and IA-against-random charts, the inputs and their SHA-256) and DIR/measures.csv (one row
            per field and set: field, set, rows, ia, effective_rank, stable_rank, numerical_rank, alpha, then each
            measure's value for the random table, suffixed _random).

            FILE        a PyTorch torch.save file (zip format, PyTorch 1.6 or later: a state_dict, or a dict holding one,
                        keyed then by its dotted path, e.g. model_state_dict.embedding.weight), .safetensors, NumPy .npz
                        or .npy, CSV (one row per line), or a run of the toolkit's store (STORE/ID.run, its kept weights,
                        fields and sets: no --key or --fields then).
            --key K     the table's key (float32, float16, bfloat16 or float64; 2-D, rows x K), or a regular expression
                        matching several keys in full: tables of one shape, reported as the sets of a multi-embedding
                        model (e.g. 'embeddings\\.\\d+\\.weight'). Default: the 2-D tensors whose key contains "embed"
                        (several when they share one shape), or the file's only 2-D tensor.
            --fields F  the fields the table's rows belong to, in table order: sizes (1000,30,7: field1, field2, ...)
                        or a FuxiCTR feature_map.json (its features with vocab_size, in its order). The sizes must add
                        up to the table's rows. Default: the whole table is one field.
            --raw       spectra of the rows as they are (the paper's Definition 1) instead of rows scaled to unit length
                        (what the paper's figures show).
            --seed N    the random baseline's seed (default 0).
            --tolerance T  the numerical rank counts singular values above T times the largest (default 1e-3).
            --out DIR   where report.html and measures.csv go (made if missing; files replaced atomically).
            --help      this text.

            Measures (each from the singular values σ of one field's table, n = min(rows, K)):
              ia              ‖σ‖₁ / ‖σ‖∞, the paper's information abundance: 1 (rank one) to n
              effective_rank  exp of the entropy of σ / ‖σ‖₁ (Roy & Vetterli; RankMe): 1 to n
              stable_rank     Σσ² / σ₁²: 1 to n
              numerical_rank  #{σ_i > T σ₁}
              alpha           the power-law decay of the eigenvalues σ²: minus the slope of ln σ_i² on ln i over every
                              σ_i > 1e-7 σ₁ (α-ReQ); larger means faster decay, more collapsed
            A collapsed field scores far below its random twin in the first four, and above it in alpha.

            Exit status: 0 written, 2 bad arguments or input (the message names the file and the problem).
            """;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns its exit status (0 written, 2 refused). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null, dir = null;
        ModelReport.Builder b;
        String key = null, fields = null;
        boolean raw = false;
        Long seed = null;
        Double tolerance = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--help", "-h" -> {
                        out.print(HELP);
                        return 0;
                    }
                    case "--key" -> key = value(args, ++i, a);
                    case "--fields" -> fields = value(args, ++i, a);
                    case "--out" -> dir = Path.of(value(args, ++i, a));
                    case "--raw" -> raw = true;
                    case "--seed" -> seed = number(value(args, ++i, a), a, Long::parseLong);
                    case "--tolerance" -> tolerance = number(value(args, ++i, a), a, Double::parseDouble);
                    default -> {
                        if (a.startsWith("-") && a.length() > 1) throw new Usage("unknown option " + a);
                        if (file != null) throw new Usage("one FILE only (got " + file + " and " + a + ")");
                        file = Path.of(a);
                    }
                }
            }
            if (file == null) throw new Usage("no FILE given");
            if (dir == null) throw new Usage("no --out DIR given");
        } catch (Usage e) {
            err.println("collapse-report: " + e.getMessage() + "\nRun collapse-report --help for the options.");
            return 2;
        }
        try {
            b = ModelReport.builder(file).key(key).raw(raw).progress(line -> out.println("collapse-report: " + line));
            if (fields != null) b.fields(FieldSource.parse(fields));
            if (seed != null) b.seed(seed);
            if (tolerance != null) b.tolerance(tolerance);
            long t0 = System.nanoTime();
            ModelReport report = b.build();
            Path page = report.write(dir);
            out.printf(Locale.ROOT, "collapse-report: wrote %s and %s (%d rows) in %.1f s%n", page, dir.resolve("measures.csv"), report.summary().rowCount(),
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("collapse-report: " + e.getMessage());
            return 2;
        }
    }

    private static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;

        Usage(String message) {
            super(message);
        }
    }

    private static String value(String[] args, int i, String option) throws Usage {
        if (i >= args.length || args[i].startsWith("--")) throw new Usage(option + " needs a value");
        return args[i];
    }

    private static <T> T number(String s, String option, java.util.function.Function<String, T> parse) throws Usage {
        try {
            return parse.apply(s);
        } catch (NumberFormatException e) {
            throw new Usage(option + ": '" + s + "' is not a number");
        }
    }
}
