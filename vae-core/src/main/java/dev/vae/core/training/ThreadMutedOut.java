package dev.vae.core.training;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Standard output that a thread can mute for itself alone. SameDiff 1.0.0-M2.1's
 * {@code createGradFunction} prints a line per differentiated op with a bare
 * {@code System.out.println} (no logger, no flag), so only the stream can keep it from a library's
 * users. Swapping {@code System.out} for the duration would silence every other thread too, and two
 * trainings swapping at once could leave it muted for good; this stream is installed once, passes
 * every other thread's output to the stream it replaced, unchanged (same object, same encoding), and
 * drops only the output of a thread inside {@link #run}.
 */
final class ThreadMutedOut extends PrintStream {
    private static final ThreadLocal<Boolean> MUTED = ThreadLocal.withInitial(() -> false);
    private static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    private final PrintStream target;

    private ThreadMutedOut(PrintStream target) {
        super(OutputStream.nullOutputStream());
        this.target = target;
    }

    /** Runs the task with this thread's standard output dropped. */
    static void run(Runnable task) {
        install();
        boolean outer = MUTED.get();
        MUTED.set(true);
        try {
            task.run();
        } finally {
            MUTED.set(outer);
        }
    }

    private static synchronized void install() {
        if (!(System.out instanceof ThreadMutedOut)) {
            System.setOut(new ThreadMutedOut(System.out));
        }
    }

    private PrintStream out() {
        return MUTED.get() ? NULL : target;
    }

    @Override public void flush() { out().flush(); }
    @Override public void close() { out().close(); }
    @Override public boolean checkError() { return target.checkError(); }
    @Override public void write(int b) { out().write(b); }
    @Override public void write(byte[] buf, int off, int len) { out().write(buf, off, len); }
    @Override public void write(byte[] buf) { out().write(buf, 0, buf.length); }
    @Override public void writeBytes(byte[] buf) { out().writeBytes(buf); }
    @Override public void print(boolean b) { out().print(b); }
    @Override public void print(char c) { out().print(c); }
    @Override public void print(int i) { out().print(i); }
    @Override public void print(long l) { out().print(l); }
    @Override public void print(float f) { out().print(f); }
    @Override public void print(double d) { out().print(d); }
    @Override public void print(char[] s) { out().print(s); }
    @Override public void print(String s) { out().print(s); }
    @Override public void print(Object obj) { out().print(obj); }
    @Override public void println() { out().println(); }
    @Override public void println(boolean x) { out().println(x); }
    @Override public void println(char x) { out().println(x); }
    @Override public void println(int x) { out().println(x); }
    @Override public void println(long x) { out().println(x); }
    @Override public void println(float x) { out().println(x); }
    @Override public void println(double x) { out().println(x); }
    @Override public void println(char[] x) { out().println(x); }
    @Override public void println(String x) { out().println(x); }
    @Override public void println(Object x) { out().println(x); }

    @Override
    public PrintStream printf(String format, Object... args) {
        out().printf(format, args);
        return this;
    }

    @Override
    public PrintStream printf(Locale l, String format, Object... args) {
        out().printf(l, format, args);
        return this;
    }

    @Override
    public PrintStream format(String format, Object... args) {
        out().format(format, args);
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        out().format(l, format, args);
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq) {
        out().append(csq);
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        out().append(csq, start, end);
        return this;
    }

    @Override
    public PrintStream append(char c) {
        out().append(c);
        return this;
    }
}
