package dev.vae.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step log: whole lines appended, and cut back to a checkpoint's step when a run resumes. */
class BatchLogTest {
    @TempDir
    Path dir;

    @Test
    void aNewRunsLogHoldsTheHeaderThenALinePerStep() throws IOException {
        try (RunFolder folder = RunFolder.create(dir.resolve("run"), false, List.of())) {
            try (BatchLog log = BatchLog.open(folder, 0)) {
                assertThat(Files.readAllLines(folder.file(BatchLog.FILE))).containsExactly(BatchLog.HEADER);
                log.step(1, 1, 100, 543.2109876);
                log.step(2, 1, 150, 321.0);
            }
            List<String> lines = Files.readAllLines(folder.file(BatchLog.FILE));
            assertThat(lines).hasSize(3);
            assertThat(lines.get(1)).matches("1,1,100,[0-9]+\\.[0-9]{3},543\\.210988");
            assertThat(lines.get(2)).matches("2,1,150,[0-9]+\\.[0-9]{3},321\\.000000");
        }
    }

    @Test
    void aResumedRunKeepsTheStepsUpToItsCheckpointDropsAHalfLineAndContinuesTheClock() throws IOException {
        try (RunFolder folder = RunFolder.create(dir.resolve("run"), false, List.of())) {
            Files.writeString(folder.file(BatchLog.FILE), BatchLog.HEADER + "\n1,1,100,0.500,9.0\n2,1,200,7.250,8.0\n"
                    + "3,1,300,8.000,7.0\n4,1,4");
            try (BatchLog log = BatchLog.open(folder, 2)) {
                log.step(3, 1, 300, 6.5);
            }
            List<String> lines = Files.readAllLines(folder.file(BatchLog.FILE));
            assertThat(lines.subList(0, 3)).containsExactly(BatchLog.HEADER, "1,1,100,0.500,9.0", "2,1,200,7.250,8.0");
            assertThat(lines).hasSize(4);
            String[] resumed = lines.get(3).split(",");
            assertThat(resumed[0]).isEqualTo("3");
            assertThat(Double.parseDouble(resumed[3])).isBetween(7.25, 60.0);
            assertThat(resumed[4]).isEqualTo("6.500000");
        }
    }

    @Test
    void aRunResumedWithoutACheckpointStartsItsLogAgain() throws IOException {
        try (RunFolder folder = RunFolder.create(dir.resolve("run"), false, List.of())) {
            Files.writeString(folder.file(BatchLog.FILE), BatchLog.HEADER + "\n1,1,100,0.500,9.0\n");
            BatchLog.open(folder, 0).close();
            assertThat(Files.readAllLines(folder.file(BatchLog.FILE))).containsExactly(BatchLog.HEADER);
        }
    }
}
