package dev.vae.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One typed parameter of a plugin: its name on the command line, a description, a default and what
 * values it accepts: a whole number or a real in an inclusive range, one of a list of names, or a
 * list of whole numbers in a range.
 *
 * @param name lower-case key, as in {@code alpha:alpha=0.5}
 * @param type the kind of value
 * @param description one line for {@code vae plugins}
 * @param defaultText the value used when none is given, as a user would type it; valid
 * @param min the smallest number accepted (of each element, for a list)
 * @param max the largest number accepted (of each element, for a list)
 * @param choices the names accepted by a {@link Type#CHOICE}; empty for the other types
 */
public record ParamSpec(String name, Type type, String description, String defaultText, double min, double max,
                        List<String> choices) {

    /** The kinds of value a parameter takes. */
    public enum Type {
        /** A whole number. */
        INTEGER,
        /** A finite real number. */
        REAL,
        /** One of a list of names. */
        CHOICE,
        /** One or more whole numbers separated by commas, as in {@code hidden=512,256}. */
        INTEGERS
    }

    /** Checks that the range is ordered and the default is a valid value. */
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultText, "defaultText");
        choices = List.copyOf(choices);
        if ((type == Type.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + ": a choice, and only a choice, lists its names");
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException("parameter " + name + ": range [" + min + ", " + max + "] is empty");
        }
        try {
            parse(name, type, min, max, choices, defaultText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter " + name + ": default '" + defaultText + "' is not valid: "
                    + e.getMessage(), e);
        }
    }

    /** A real parameter with the given default and inclusive range. */
    public static ParamSpec real(String name, String description, double defaultValue, double min, double max) {
        return new ParamSpec(name, Type.REAL, description, format(defaultValue), min, max, List.of());
    }

    /** A whole-number parameter with the given default and inclusive range. */
    public static ParamSpec integer(String name, String description, int defaultValue, int min, int max) {
        return new ParamSpec(name, Type.INTEGER, description, format(defaultValue), min, max, List.of());
    }

    /** A parameter that takes one of {@code choices}, the first of which is the default. */
    public static ParamSpec choice(String name, String description, List<String> choices) {
        return new ParamSpec(name, Type.CHOICE, description, choices.isEmpty() ? "" : choices.get(0),
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, choices);
    }

    /** A parameter that takes one or more whole numbers, each in the inclusive range. */
    public static ParamSpec integers(String name, String description, List<Integer> defaultValue, int min, int max) {
        return new ParamSpec(name, Type.INTEGERS, description,
                defaultValue.stream().map(String::valueOf).collect(Collectors.joining(",")), min, max, List.of());
    }

    /**
     * Parses and checks a value given as text.
     *
     * @return a {@link Double} for a number, a {@link String} for a choice, a {@code List<Integer>} for
     *     a list
     * @throws IllegalArgumentException naming the parameter and what it accepts
     */
    public Object parse(String text) {
        return parse(name, type, min, max, choices, text);
    }

    private static Object parse(String name, Type type, double min, double max, List<String> choices, String text) {
        String trimmed = text.trim();
        return switch (type) {
            case CHOICE -> {
                if (!choices.contains(trimmed)) {
                    throw new IllegalArgumentException("parameter " + name + " takes one of " + String.join(", ", choices)
                            + ", got '" + text + "'");
                }
                yield trimmed;
            }
            case INTEGERS -> {
                List<Integer> values = new ArrayList<>();
                for (String part : trimmed.split(",", -1)) {
                    values.add((int) number(name, type, min, max, part));
                }
                yield List.copyOf(values);
            }
            default -> number(name, type, min, max, trimmed);
        };
    }

    private static double number(String name, Type type, double min, double max, String text) {
        double value;
        try {
            value = type == Type.REAL ? Double.parseDouble(text.trim()) : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " takes " + describe(type) + ", got '" + text + "'");
        }
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException("parameter " + name + " takes " + describe(type) + " in "
                    + range(min, max) + ", got " + format(value));
        }
        return value;
    }

    /** What the parameter accepts as shown to users: {@code [0, 1]}, or {@code relu|tanh} for a choice. */
    public String formatRange() {
        if (type == Type.CHOICE) {
            return String.join("|", choices);
        }
        return range(min, max);
    }

    private static String range(double min, double max) {
        return "[" + format(min) + ", " + format(max) + "]";
    }

    /** The default as shown to users. */
    public String formatDefault() {
        return defaultText;
    }

    private static String describe(Type type) {
        return switch (type) {
            case INTEGER -> "a whole number";
            case INTEGERS -> "whole numbers separated by commas, each";
            default -> "a number";
        };
    }

    private static String format(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
