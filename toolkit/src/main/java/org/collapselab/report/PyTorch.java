package org.collapselab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.collapselab.io.MatrixFile;

/**
 * The PyTorch of this machine, where there is one: to write a real {@code torch.save} checkpoint from tables the
 * toolkit holds (notebook 09 reports on one it writes itself). Never needed to read one: {@link ModelReport} reads
 * PyTorch's files in Java.
 */
public final class PyTorch {
    private PyTorch() {}

    /** {@code COLLAPSELAB_PYTHON}, else Debian's {@code /usr/bin/python3}, when it imports torch and numpy. */
    public static Optional<Path> python() {
        Path p = Path.of(Optional.ofNullable(System.getenv("COLLAPSELAB_PYTHON")).orElse("/usr/bin/python3"));
        if (!Files.isExecutable(p)) return Optional.empty();
        try {
            Process proc = new ProcessBuilder(p.toString(), "-c", "import torch, numpy").redirectErrorStream(true).start();
            proc.getInputStream().readAllBytes();
            return proc.waitFor(120, TimeUnit.SECONDS) && proc.exitValue() == 0 ? Optional.of(p) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Writes {@code tensors} (key to table, in the map's order) as a {@code state_dict} with {@code torch.save} to
     * {@code file}, through {@code python}; returns {@code file}. Refused with Python's message when it fails.
     */
    public static Path saveStateDict(Path python, Map<String, MatrixFile> tensors, Path file) {
        try {
            Path tmp = Files.createTempDirectory("collapselab-torch-");
            try {
                List<String> args = new ArrayList<>(List.of(python.toString(), "-c", """
                        import sys, collections, numpy, torch
                        out, pairs = sys.argv[1], sys.argv[2:]
                        state = collections.OrderedDict((pairs[i], torch.from_numpy(numpy.load(pairs[i + 1]))) for i in range(0, len(pairs), 2))
                        torch.save(state, out)
                        """, file.toAbsolutePath().toString()));
                int i = 0;
                for (Map.Entry<String, MatrixFile> e : tensors.entrySet()) {
                    Path npy = tmp.resolve(i++ + ".npy");
                    MatrixFile m = e.getValue();
                    MatrixFile.writeNpy(m.values(), m.rows(), m.cols(), npy);
                    args.add(e.getKey());
                    args.add(npy.toString());
                }
                Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0)
                    throw new IllegalStateException(python + " could not torch.save " + file + ": " + log.strip());
                return file;
            } finally {
                try (var s = Files.list(tmp)) {
                    for (Path f : s.toList()) Files.delete(f);
                }
                Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + file, e);
        }
    }
}
