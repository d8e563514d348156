package dev.vae.app.ui;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;

/** Numbers as JSON can hold them: a diverged run's NaN or infinity becomes null. */
final class Json {
    private Json() {
    }

    static JsonElement number(double value) {
        if (!Double.isFinite(value)) {
            return JsonNull.INSTANCE;
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? new JsonPrimitive((long) value) : new JsonPrimitive(value);
    }

    /** A single-precision value in its own shortest digits, not those of the double nearest it. */
    static JsonElement number(float value) {
        if (!Float.isFinite(value)) {
            return JsonNull.INSTANCE;
        }
        return value == Math.rint(value) && Math.abs(value) < 1e7 ? new JsonPrimitive((long) value) : new JsonPrimitive(value);
    }
}
