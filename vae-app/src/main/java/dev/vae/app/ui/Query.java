package dev.vae.app.ui;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The parameters of a request's query string; a malformed one is the client's mistake, a 400. */
final class Query {
    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    /** @param raw the query as sent, still percent-encoded; null for none */
    static Query parse(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new Query(values);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            values.put(decoded(parts[0]), parts.length == 2 ? decoded(parts[1]) : "");
        }
        return new Query(values);
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query holds a malformed escape: " + text);
        }
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** An integer parameter of at least {@code min}, if given. */
    OptionalInt integer(String name, int min) {
        String text = values.get(name);
        if (text == null) {
            return OptionalInt.empty();
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + text);
        }
        if (value < min) {
            throw new IllegalArgumentException(name + " must be " + min + " or more, got " + value);
        }
        return OptionalInt.of(value);
    }
}
