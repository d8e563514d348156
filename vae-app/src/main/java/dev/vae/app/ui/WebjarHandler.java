package dev.vae.app.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /webjars/NAME/VERSION/...}: the files of a webjar on the module path (uPlot), so that the
 * page works offline. A webjar's files lie under {@code META-INF/resources/webjars/}, a folder that is
 * no package and so is readable from any module through the class loader. Only plain segments and
 * the types the page loads are served.
 */
final class WebjarHandler implements HttpHandler {
    private static final String PREFIX = "/webjars/";
    private static final String ROOT = "META-INF/resources/webjars/";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "map", "application/json; charset=utf-8");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String type = path.startsWith(PREFIX) ? type(path.substring(PREFIX.length())) : null;
        if (type == null) {
            Responses.text(exchange, 404, "not found");
            return;
        }
        try (InputStream in = WebjarHandler.class.getClassLoader().getResourceAsStream(ROOT + path.substring(PREFIX.length()))) {
            if (in == null) {
                Responses.text(exchange, 404, "not found");
                return;
            }
            Responses.bytes(exchange, 200, type, in.readAllBytes());
        }
    }

    /** The content type of a file under the webjars, or null for a name that is not a plain file name of a type served. */
    private static String type(String rest) {
        String[] segments = rest.split("/", -1);
        if (segments.length < 3 || !Arrays.stream(segments).allMatch(s -> SEGMENT.matcher(s).matches())) {
            return null;
        }
        String file = segments[segments.length - 1];
        int dot = file.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(file.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
