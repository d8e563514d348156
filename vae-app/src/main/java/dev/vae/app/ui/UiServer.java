package dev.vae.app.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The page's web server: the JSON API and the page itself, on the JDK's own HTTP server. */
public final class UiServer implements AutoCloseable {
    /** The port tried first when none is given, and how many after it. */
    public static final int DEFAULT_PORT = 8080;
    private static final int PORTS_TRIED = 20;

    static {
        // The server writes a response's headers and body apart; with Nagle's algorithm on, the body
        // waits for the client's delayed acknowledgement of the headers, some 40 ms a request. The
        // JDK's server reads this once, when it first starts one.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private UiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves the runs of {@code runs} on {@code host}; on {@code port}, or with none on the first free
     * one from {@value #DEFAULT_PORT}.
     *
     * @throws IllegalArgumentException if the host is unknown or the port taken
     */
    public static UiServer start(Path runs, String host, Integer port) throws IOException {
        InetAddress address = address(host);
        HttpServer server = port != null ? bind(address, port, true) : firstFree(address);
        RunsFolder folder = new RunsFolder(runs);
        server.createContext("/api/", new GetOnly(new ApiHandler(folder)));
        server.createContext("/webjars/", new GetOnly(new WebjarHandler()));
        server.createContext("/", new GetOnly(new PageHandler()));
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "vae-ui");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new UiServer(server, executor);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + " is not a known host name or address");
        }
    }

    private static HttpServer firstFree(InetAddress address) throws IOException {
        for (int port = DEFAULT_PORT; port < DEFAULT_PORT + PORTS_TRIED - 1; port++) {
            HttpServer server = bind(address, port, false);
            if (server != null) {
                return server;
            }
        }
        return bind(address, DEFAULT_PORT + PORTS_TRIED - 1, true);
    }

    /** A server on the port, or null if it is taken and {@code mustBind} is false. */
    private static HttpServer bind(InetAddress address, int port, boolean mustBind) throws IOException {
        try {
            return HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (BindException e) {
            if (!mustBind) {
                return null;
            }
            throw new IllegalArgumentException("port " + port + " on " + address.getHostAddress()
                    + " is taken; choose another with --port");
        }
    }

    /** Where the page is. */
    public URI uri() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
