package dev.vae.core.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ThreadMutedOutTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    private String printed() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void sameDiffPrintsWhileItBuildsTheGradientAndTheMutedThreadDoesNot() {
        gradientOf(graph());
        int lines = printed().split("\n").length;
        assertThat(printed()).isNotBlank();
        assertThat(lines).isGreaterThanOrEqualTo(3);

        captured.reset();
        ThreadMutedOut.run(() -> gradientOf(graph()));
        assertThat(printed()).isEmpty();
    }

    @Test
    void anotherThreadPrintsThroughWhileOneIsMuted() throws InterruptedException {
        CountDownLatch muted = new CountDownLatch(1);
        CountDownLatch printedElsewhere = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            await(muted);
            System.out.println("from the other thread: −1.5");
            printedElsewhere.countDown();
        });
        other.start();
        ThreadMutedOut.run(() -> {
            System.out.println("from the muted thread");
            muted.countDown();
            await(printedElsewhere);
            System.out.printf("%s%n", "still muted");
        });
        other.join();
        System.out.println("after");

        assertThat(printed()).isEqualTo("from the other thread: −1.5\nafter\n".replace("\n", System.lineSeparator()));
    }

    @Test
    void nestedRunsStayMutedUntilTheOutermostEnds() {
        ThreadMutedOut.run(() -> {
            ThreadMutedOut.run(() -> System.out.println("inner"));
            System.out.println("outer");
        });
        assertThat(printed()).isEmpty();
    }

    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.ones(DataType.FLOAT, 3, 2));
        sd.setLossVariables(sd.math.tanh(x.mmul(w)).mul(2.0).sum());
        return sd;
    }

    private static void gradientOf(SameDiff sd) {
        sd.createGradFunction();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
