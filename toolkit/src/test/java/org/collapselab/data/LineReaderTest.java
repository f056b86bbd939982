package org.collapselab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
    @Test
    void aLineLongerThanTheLimitIsRefusedNamingTheFileAndLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("no-line-ends.tsv");
        Files.write(f, ("1\t2\n" + "x".repeat(1_500_000) + "\n3\t4\n").getBytes(StandardCharsets.US_ASCII));
        // old: the buffer doubled without bound, and a 3 GB line ended in an OutOfMemoryError naming nothing
        try (LineReader in = new LineReader(f, 1 << 20)) {
            assertTrue(in.next());
            DataFormatException e = assertThrows(DataFormatException.class, in::next);
            assertEquals(f + ":2: the line is longer than 1 MiB with no line end: is this a line-delimited text file?", e.getMessage());
        }
        try (LineReader in = new LineReader(f, 2 << 20)) {    // under the limit it is read whole
            assertTrue(in.next() && in.next());
            assertEquals(1_500_000, in.end - in.start);
        }
        assertEquals(64 << 20, LineReader.MAX_LINE_BYTES);
    }
}
