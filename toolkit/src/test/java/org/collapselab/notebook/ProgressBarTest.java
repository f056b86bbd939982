package org.collapselab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressBarTest {
    private static final long MS = 1_000_000L;

    /** A clock the test moves by hand. */
    private static final class Clock {
        long now = 5_000 * MS;
    }

    @Test
    void lineWithKnownTotal() {
        assertEquals("encode  [=========>          ]  45.0%  450,000/1,000,000 rows  90.0K rows/s  ETA 6.1s",
                ProgressBar.line("encode", 450_000, 1_000_000, 5.0, "rows", false));
    }

    @Test
    void lineAtStartHasNoRateYet() {
        assertEquals("train  [>                   ]   0.0%  0/10 batches  - batches/s  ETA ?",
                ProgressBar.line("train", 0, 10, 0.0, "batches", false));
    }

    @Test
    void lineWithUnknownTotalShowsElapsedTime() {
        assertEquals("scan  1,234,567 rows  1.23M rows/s  1.0s", ProgressBar.line("scan", 1_234_567, 0, 1.0, "rows", false));
    }

    @Test
    void finishedLineShowsTimeTakenAndAFullBar() {
        assertEquals("encode  [====================] 100.0%  2,000/2,000 rows  20 rows/s  done in 1:40",
                ProgressBar.line("encode", 2_000, 2_000, 100.0, "rows", true));
    }

    @Test
    void overshootIsClampedToAFullBar() {
        assertEquals("x  [====================] 100.0%  12/10 rows  12 rows/s  ETA 0.0s",
                ProgressBar.line("x", 12, 10, 1.0, "rows", false));
    }

    @Test
    void durationsAndRates() {
        assertEquals("59.4s", ProgressBar.duration(59.4));
        assertEquals("1:00", ProgressBar.duration(59.96));
        assertEquals("1:02:03", ProgressBar.duration(3723));
        assertEquals("999", ProgressBar.compact(999));
        assertEquals("12.3K", ProgressBar.compact(12_345));
        assertEquals("4.57M", ProgressBar.compact(4_567_000));
    }

    @Test
    void redrawsAreThrottledButTheLastUpdateAndDoneAlwaysShow() {
        RecordingFrontend f = new RecordingFrontend();
        Clock clock = new Clock();
        ProgressBar bar = new ProgressBar(f, "rows", () -> clock.now);
        bar.update("t", 0, 100);
        clock.now += 50 * MS;
        bar.update("t", 10, 100); // too soon: not drawn
        clock.now += 200 * MS;
        bar.update("t", 50, 100);
        clock.now += 10 * MS;
        bar.update("t", 100, 100); // complete: drawn although soon
        bar.done("t");
        bar.done("t"); // a second done is ignored
        assertEquals(List.of(
                "open: t  [>                   ]   0.0%  0/100 rows  - rows/s  ETA ?",
                "replace: t  [==========>         ]  50.0%  50/100 rows  200 rows/s  ETA 0.3s",
                "replace: t  [====================] 100.0%  100/100 rows  385 rows/s  ETA 0.0s",
                "replace: t  [====================] 100.0%  100/100 rows  385 rows/s  done in 0.3s",
                "close"), f.shown);
    }

    @Test
    void aDetailFollowsTheCountsAndTheLatestOneIsKeptToTheEnd() {
        RecordingFrontend f = new RecordingFrontend();
        Clock clock = new Clock();
        ProgressBar bar = new ProgressBar(f, "rows", () -> clock.now);
        bar.update("epoch 1", 0, 100, "loss 0.6931");
        clock.now += 50 * MS;
        bar.update("epoch 1", 40, 100, "loss 0.5000"); // throttled, but its detail is remembered
        bar.done("epoch 1");
        assertEquals(List.of(
                "open: epoch 1  [>                   ]   0.0%  0/100 rows  - rows/s  ETA ?  loss 0.6931",
                "replace: epoch 1  [========>           ]  40.0%  40/100 rows  800 rows/s  done in 0.1s  loss 0.5000",
                "close"), f.shown);
    }

    @Test
    void aTaskStartedWithAUnitNamesItAndOtherTasksKeepTheBarsUnit() {
        RecordingFrontend f = new RecordingFrontend();
        Clock clock = new Clock();
        ProgressBar bar = new ProgressBar(f, "rows", () -> clock.now);
        bar.start("read", "bytes");
        clock.now += 10 * MS; // soon after the start, yet the first update is drawn
        bar.update("read", 500, 1_000);
        bar.update("encode", 1, 0);
        clock.now += 490 * MS;
        bar.done("read");
        assertEquals(List.of(
                "open: read  [==========>         ]  50.0%  500/1,000 bytes  50.0K bytes/s  ETA 0.0s",
                "open: encode  1 rows  - rows/s  0.0s",
                "replace: read  [==========>         ]  50.0%  500/1,000 bytes  1.0K bytes/s  done in 0.5s",
                "close"), f.shown);
    }

    @Test
    void eachTaskHasItsOwnLine() {
        RecordingFrontend f = new RecordingFrontend();
        ProgressBar bar = new ProgressBar(f, "rows", () -> 0L);
        bar.update("a", 1, 0);
        bar.update("b", 1, 0);
        assertEquals(List.of("open: a  1 rows  - rows/s  0.0s", "open: b  1 rows  - rows/s  0.0s"), f.shown);
    }

    @Test
    void onAConsoleTheLineIsRedrawnWithCarriageReturns(@TempDir Path tmp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleFrontend console = new ConsoleFrontend(new PrintStream(bytes, true, StandardCharsets.UTF_8), tmp);
        Clock clock = new Clock();
        ProgressBar bar = new ProgressBar(console, "rows", () -> clock.now);
        bar.update("t", 5, 0);
        clock.now += 1_000 * MS;
        bar.update("t", 9, 0);
        console.text("next");
        String first = "t  5 rows  - rows/s  0.0s";
        String second = "t  9 rows  9 rows/s  1.0s";
        assertEquals("\r" + first + "\r" + second + " ".repeat(first.length() - second.length()) + System.lineSeparator()
                + "next" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }
}
