package dev.vae.app.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The page itself, from the module's resources; nothing of the file system is served here. */
final class PageHandler implements HttpHandler {
    private record Resource(String name, String type) {
    }

    private static final Resource PAGE = new Resource("index.html", "text/html; charset=utf-8");
    private static final Map<String, Resource> RESOURCES = Map.of("/", PAGE, "/index.html", PAGE,
            "/app.js", new Resource("app.js", "text/javascript; charset=utf-8"),
            "/style.css", new Resource("style.css", "text/css; charset=utf-8"));

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Resource resource = RESOURCES.get(exchange.getRequestURI().getRawPath());
        if (resource == null) {
            Responses.text(exchange, 404, "not found");
            return;
        }
        try (InputStream in = PageHandler.class.getResourceAsStream(resource.name())) {
            if (in == null) {
                Responses.text(exchange, 404, resource.name() + " is missing from this build");
                return;
            }
            Responses.bytes(exchange, 200, resource.type(), in.readAllBytes());
        }
    }
}
