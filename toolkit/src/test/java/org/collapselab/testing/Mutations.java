package org.collapselab.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random damage to a valid file, for the parsers' fuzz properties: bit flips, bytes replaced by ones a parser
 * cares about (delimiters, line ends, signs, digits, NUL, 0xFF), deletions, duplications, insertions and
 * truncation, a few at a time. Also a time limit per try, so that a parser that hangs fails the property.
 */
public final class Mutations {
    private Mutations() {}

    private static final byte[] INTERESTING = {'\t', ',', '\n', '\r', ' ', ':', '-', '+', '.', '0', '1', '9', 'e', 'n', 'a', '#', '"',
            0, (byte) 0xFF, (byte) 0x80, (byte) 0xEF, (byte) 0x1f, (byte) 0x8b, 0x7f};

    /** One edit: what, where (a fraction of the length), how long, and which byte. */
    public record Mutation(int kind, double at, int length, byte value) {
        byte[] apply(byte[] b) {
            int n = b.length, p = Math.min(n, (int) (at * n));
            return switch (kind) {
                case 0 -> {    // flip a bit
                    if (n == 0) yield b;
                    byte[] c = b.clone();
                    c[Math.min(p, n - 1)] ^= (byte) (1 << (length % 8));
                    yield c;
                }
                case 1 -> {    // set a byte
                    if (n == 0) yield b;
                    byte[] c = b.clone();
                    c[Math.min(p, n - 1)] = value;
                    yield c;
                }
                case 2 -> splice(b, p, Math.min(n, p + length), new byte[0]);                          // delete
                case 3 -> splice(b, p, p, Arrays.copyOfRange(b, p, Math.min(n, p + length)));       // duplicate
                case 4 -> {                                                                         // insert
                    byte[] ins = new byte[length];
                    Arrays.fill(ins, value);
                    yield splice(b, p, p, ins);
                }
                default -> Arrays.copyOf(b, p);                                                     // truncate
            };
        }

        private static byte[] splice(byte[] b, int from, int to, byte[] ins) {
            byte[] c = new byte[b.length - (to - from) + ins.length];
            System.arraycopy(b, 0, c, 0, from);
            System.arraycopy(ins, 0, c, from, ins.length);
            System.arraycopy(b, to, c, from + ins.length, b.length - to);
            return c;
        }
    }

    /** One to six mutations; truncation is rarer than the local edits. */
    public static Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> kind = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, 0), net.jqwik.api.Tuple.of(4, 1), net.jqwik.api.Tuple.of(2, 2), net.jqwik.api.Tuple.of(2, 3),
                net.jqwik.api.Tuple.of(2, 4), net.jqwik.api.Tuple.of(1, 5));
        Arbitrary<Byte> value = Arbitraries.oneOf(Arbitraries.of(box(INTERESTING)), Arbitraries.bytes());
        Arbitrary<Mutation> m = Combinators.combine(kind, Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 40), value)
                .as(Mutation::new);
        return m.list().ofMinSize(1).ofMaxSize(6);
    }

    private static Byte[] box(byte[] b) {
        Byte[] o = new Byte[b.length];
        for (int i = 0; i < b.length; i++) o[i] = b[i];
        return o;
    }

    /** The file after every mutation in turn. */
    public static byte[] apply(byte[] valid, List<Mutation> ms) {
        byte[] b = valid;
        for (Mutation m : ms) b = m.apply(b);
        return b;
    }

    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-try");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs one try with a time limit: its result, or its exception as thrown; an {@link AssertionError} when it
     * runs past {@code seconds} (a hang).
     */
    public static <T> T within(int seconds, Callable<T> body) throws Exception {
        Future<T> f = RUNNER.submit(body);
        try {
            return f.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("the parser did not finish within " + seconds + " s (a hang)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            if (e.getCause() instanceof Error x) throw x;
            throw e;
        }
    }

    /** Deletes a folder and everything in it. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
