package dev.vae.api;

import java.util.Objects;

/**
 * One typed parameter of a plugin: its name on the command line, a description, a default and an
 * inclusive range.
 *
 * @param name lower-case key, as in {@code alpha:alpha=0.5}
 * @param type whether values are whole numbers or reals
 * @param description one line for {@code vae plugins}
 * @param defaultValue the value used when none is given; inside the range
 * @param min the smallest value accepted
 * @param max the largest value accepted
 */
public record ParamSpec(String name, Type type, String description, double defaultValue, double min, double max) {

    /** The kinds of value a parameter takes. */
    public enum Type {
        /** A whole number. */
        INTEGER,
        /** A finite real number. */
        REAL
    }

    /** Checks that the range is ordered and holds the default. */
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!(min <= defaultValue && defaultValue <= max)) {
            throw new IllegalArgumentException("parameter " + name + ": default " + defaultValue
                    + " is outside [" + min + ", " + max + "]");
        }
    }

    /** A real parameter with the given default and inclusive range. */
    public static ParamSpec real(String name, String description, double defaultValue, double min, double max) {
        return new ParamSpec(name, Type.REAL, description, defaultValue, min, max);
    }

    /** A whole-number parameter with the given default and inclusive range. */
    public static ParamSpec integer(String name, String description, int defaultValue, int min, int max) {
        return new ParamSpec(name, Type.INTEGER, description, defaultValue, min, max);
    }

    /**
     * Parses and checks a value given as text.
     *
     * @throws IllegalArgumentException naming the parameter and what it accepts
     */
    public double parse(String text) {
        double value;
        try {
            value = type == Type.INTEGER ? Long.parseLong(text.trim()) : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " takes " + describeType() + ", got '" + text + "'");
        }
        check(value);
        return value;
    }

    /**
     * Checks a value against the type and range.
     *
     * @throws IllegalArgumentException naming the parameter and what it accepts
     */
    public void check(double value) {
        if (Double.isNaN(value) || value < min || value > max || (type == Type.INTEGER && value != Math.rint(value))) {
            throw new IllegalArgumentException("parameter " + name + " takes " + describeType() + " in "
                    + formatRange() + ", got " + value);
        }
    }

    /** The range as shown to users, for example {@code [0, 1]}. */
    public String formatRange() {
        return "[" + format(min) + ", " + format(max) + "]";
    }

    /** The default as shown to users. */
    public String formatDefault() {
        return format(defaultValue);
    }

    private String describeType() {
        return type == Type.INTEGER ? "a whole number" : "a number";
    }

    private String format(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
