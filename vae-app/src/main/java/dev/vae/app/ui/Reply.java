package dev.vae.app.ui;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A whole response, made before anything is sent, so that a failure while making it still becomes
 * an error response rather than a half-sent one.
 */
record Reply(int status, String type, byte[] body) {
    static final String JSON = "application/json; charset=utf-8";

    static Reply json(JsonElement body) {
        return new Reply(200, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": message}}, the message on one line. */
    static Reply error(int status, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
        return new Reply(status, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
