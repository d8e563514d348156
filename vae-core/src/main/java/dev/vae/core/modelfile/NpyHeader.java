package dev.vae.core.modelfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header of an {@code .npy} file, a Python dict literal such as
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (784, 256), }}, parsed strictly: exactly
 * these three keys, a string, a boolean and a tuple of integers, and nothing else.
 *
 * @param descr the dtype, such as {@code <f4}
 * @param fortranOrder whether the data is stored column-major
 * @param shape the dimensions as declared, possibly negative (the caller judges them)
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** The header of this text, or what is malformed in it. */
    static NpyHeader parse(String text) throws NpyArray.Defect {
        Parser p = new Parser(text);
        Map<String, Object> dict = p.dict();
        p.skipSpace();
        if (p.pos != text.length() || !dict.keySet().equals(KEYS)) {
            throw malformed("expected exactly the keys 'descr', 'fortran_order' and 'shape'");
        }
        if (!(dict.get("descr") instanceof String descr) || !(dict.get("fortran_order") instanceof Boolean fortran)
                || !(dict.get("shape") instanceof long[] shape)) {
            throw malformed("'descr' must be a string, 'fortran_order' a boolean and 'shape' a tuple");
        }
        return new NpyHeader(descr, fortran, shape);
    }

    private static NpyArray.Defect malformed(String why) {
        return new NpyArray.Defect("has a malformed .npy header (" + why + ")");
    }

    /** A recursive-descent reader of the few Python literals a header may hold. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Map<String, Object> dict() throws NpyArray.Defect {
            expect('{');
            Map<String, Object> dict = new HashMap<>();
            while (!consume('}')) {
                String key = string();
                expect(':');
                if (dict.put(key, value()) != null) {
                    throw malformed("key '" + key + "' twice");
                }
                if (!consume(',')) {
                    expect('}');
                    break;
                }
            }
            return dict;
        }

        private Object value() throws NpyArray.Defect {
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
                return string();
            }
            if (consume('(')) {
                return tuple();
            }
            if (word("True")) {
                return Boolean.TRUE;
            }
            if (word("False")) {
                return Boolean.FALSE;
            }
            throw malformed("unexpected text at offset " + pos);
        }

        private long[] tuple() throws NpyArray.Defect {
            List<Long> dims = new ArrayList<>();
            while (!consume(')')) {
                dims.add(integer());
                if (!consume(',')) {
                    expect(')');
                    break;
                }
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private long integer() throws NpyArray.Defect {
            skipSpace();
            int start = pos;
            if (pos < text.length() && text.charAt(pos) == '-') {
                pos++;
            }
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
                pos++;
            }
            try {
                return Long.parseLong(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw malformed("a dimension is not an integer of at most 19 digits at offset " + start);
            }
        }

        private String string() throws NpyArray.Defect {
            skipSpace();
            char quote = pos < text.length() ? text.charAt(pos) : 0;
            int end = quote == '\'' || quote == '"' ? text.indexOf(quote, pos + 1) : -1;
            if (end < 0) {
                throw malformed("expected a quoted string at offset " + pos);
            }
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }

        private boolean word(String w) {
            if (text.startsWith(w, pos)) {
                pos += w.length();
                return true;
            }
            return false;
        }

        private void expect(char c) throws NpyArray.Defect {
            if (!consume(c)) {
                throw malformed("expected '" + c + "' at offset " + pos);
            }
        }

        private boolean consume(char c) {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }
}
