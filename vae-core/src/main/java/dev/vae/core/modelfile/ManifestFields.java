package dev.vae.core.modelfile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vae.core.ModelFileException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One JSON object of a model's manifest, read field by field: a field that is missing or of the
 * wrong type is refused with its full name ({@code config.latentDim}) and the value found, instead of
 * surfacing as a reflection failure that names neither.
 */
final class ManifestFields {
    private static final int SHOWN = 40;
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private final Object file;
    private final String prefix;
    private final JsonObject json;

    ManifestFields(Object file, JsonObject json) {
        this(file, "", json);
    }

    private ManifestFields(Object file, String prefix, JsonObject json) {
        this.file = file;
        this.prefix = prefix;
        this.json = json;
    }

    /** The model file, for messages. */
    Object file() {
        return file;
    }

    Set<String> names() {
        return json.keySet();
    }

    boolean has(String name) {
        return json.has(name) && !json.get(name).isJsonNull();
    }

    ManifestFields object(String name) throws ModelFileException {
        return new ManifestFields(file, prefix + name + ".", rawObject(name));
    }

    Optional<ManifestFields> optionalObject(String name) throws ModelFileException {
        return has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    JsonObject rawObject(String name) throws ModelFileException {
        JsonElement e = get(name);
        if (!e.isJsonObject()) {
            throw wrong(name, "an object");
        }
        return e.getAsJsonObject();
    }

    /** The elements of an array field that are objects, each read like this one. */
    List<ManifestFields> objects(String name) throws ModelFileException {
        JsonArray array = array(name);
        List<ManifestFields> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!array.get(i).isJsonObject()) {
                throw wrong(name + "[" + i + "]", array.get(i), "an object");
            }
            result.add(new ManifestFields(file, prefix + name + "[" + i + "].", array.get(i).getAsJsonObject()));
        }
        return result;
    }

    String string(String name) throws ModelFileException {
        JsonElement e = get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw wrong(name, "a string");
        }
        return e.getAsString();
    }

    /** A string-valued object, such as a plugin's parameters. */
    Map<String, String> strings(String name) throws ModelFileException {
        ManifestFields object = object(name);
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : object.names()) {
            result.put(key, object.string(key));
        }
        return result;
    }

    <E extends Enum<E>> E constant(String name, Class<E> type) throws ModelFileException {
        String value = string(name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw wrong(name, "one of " + Arrays.toString(type.getEnumConstants()));
    }

    boolean bool(String name) throws ModelFileException {
        JsonElement e = get(name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw wrong(name, "true or false");
        }
        return e.getAsBoolean();
    }

    int integer(String name) throws ModelFileException {
        try {
            return exact(name).intValueExact();
        } catch (ArithmeticException e) {
            throw wrong(name, "an integer");
        }
    }

    long longInteger(String name) throws ModelFileException {
        try {
            return exact(name).longValueExact();
        } catch (ArithmeticException e) {
            throw wrong(name, "an integer");
        }
    }

    /** A number; NaN and infinities, which the writer spells as bare words, included. */
    double number(String name) throws ModelFileException {
        JsonElement e = get(name);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return e.getAsDouble();
        }
        if (e.isJsonPrimitive() && Set.of("NaN", "Infinity", "-Infinity").contains(e.getAsString())) {
            return Double.parseDouble(e.getAsString());
        }
        throw wrong(name, "a number");
    }

    List<Integer> integers(String name) throws ModelFileException {
        JsonArray array = array(name);
        List<Integer> result = new ArrayList<>();
        for (JsonElement element : array) {
            BigDecimal value = exactNumber(element);
            if (value == null || value.stripTrailingZeros().scale() > 0 || value.abs().compareTo(INT_MAX) > 0) {
                throw wrong(name, "an array of integers");
            }
            result.add(value.intValue());
        }
        return result;
    }

    /** An array shape: non-negative integers. */
    long[] shape(String name) throws ModelFileException {
        JsonArray array = array(name);
        long[] shape = new long[array.size()];
        for (int i = 0; i < shape.length; i++) {
            BigDecimal value = exactNumber(array.get(i));
            if (value == null || value.signum() < 0 || value.compareTo(INT_MAX) > 0
                    || value.stripTrailingZeros().scale() > 0) {
                throw wrong(name, "an array of integers from 0 to " + Integer.MAX_VALUE);
            }
            shape[i] = value.longValue();
        }
        return shape;
    }

    private JsonArray array(String name) throws ModelFileException {
        JsonElement e = get(name);
        if (!e.isJsonArray()) {
            throw wrong(name, "an array");
        }
        return e.getAsJsonArray();
    }

    private BigDecimal exact(String name) throws ModelFileException {
        BigDecimal value = exactNumber(get(name));
        if (value == null) {
            throw wrong(name, "an integer");
        }
        return value;
    }

    private static BigDecimal exactNumber(JsonElement e) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return e.getAsBigDecimal();
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private JsonElement get(String name) throws ModelFileException {
        if (!has(name)) {
            throw new ModelFileException(file, ModelManifest.MANIFEST + " lacks " + prefix + name);
        }
        return json.get(name);
    }

    private ModelFileException wrong(String name, String expected) {
        return wrong(name, json.get(name), expected);
    }

    private ModelFileException wrong(String name, JsonElement value, String expected) {
        String shown = value.toString();
        if (shown.length() > SHOWN) {
            shown = shown.substring(0, SHOWN) + "...";
        }
        return new ModelFileException(file, ModelManifest.MANIFEST + " has " + prefix + name + " = " + shown
                + "; expected " + expected);
    }
}
