package dev.vae.app.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;

/** The page itself, from the module's resources; nothing of the file system is served here. */
final class PageHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!path.equals("/") && !path.equals("/index.html")) {
            Responses.text(exchange, 404, "not found");
            return;
        }
        try (InputStream page = PageHandler.class.getResourceAsStream("index.html")) {
            Responses.bytes(exchange, 200, "text/html; charset=utf-8", page.readAllBytes());
        }
    }
}
