package dev.vae.app.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** The page only reads: any method but GET is refused before a handler sees it. */
final class GetOnly implements HttpHandler {
    private final HttpHandler handler;

    GetOnly(HttpHandler handler) {
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                Responses.text(exchange, 405, "only GET is served");
                return;
            }
            handler.handle(exchange);
        }
    }
}
