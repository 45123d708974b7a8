package dev.skiff.api.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6901 JSON pointer such as {@code /metadata/labels/app.kubernetes.io~1name}: its
 * reference tokens with {@code ~1} and {@code ~0} decoded to {@code /} and {@code ~}.
 */
record JsonPointer(String text, List<String> tokens) {

    /** @throws PatchException 400 for text that is not a JSON pointer */
    static JsonPointer parse(String text) {
        if (text.isEmpty()) {
            return new JsonPointer(text, List.of());
        }
        if (!text.startsWith("/")) {
            throw PatchException.invalidPatch("JSON pointer \"" + text + "\" must be empty or start with '/'");
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : text.substring(1).split("/", -1)) {
            tokens.add(unescape(text, raw));
        }
        return new JsonPointer(text, List.copyOf(tokens));
    }

    boolean isRoot() {
        return tokens.isEmpty();
    }

    JsonPointer parent() {
        return new JsonPointer(text.substring(0, text.lastIndexOf('/')), tokens.subList(0, tokens.size() - 1));
    }

    String last() {
        return tokens.get(tokens.size() - 1);
    }

    /** True if {@code other} points inside what this pointer points at. */
    boolean isProperPrefixOf(JsonPointer other) {
        return tokens.size() < other.tokens.size() && other.tokens.subList(0, tokens.size()).equals(tokens);
    }

    @Override
    public String toString() {
        return text;
    }

    private static String unescape(String pointer, String token) {
        StringBuilder sb = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c != '~') {
                sb.append(c);
            } else if (i + 1 < token.length() && (token.charAt(i + 1) == '0' || token.charAt(i + 1) == '1')) {
                sb.append(token.charAt(++i) == '0' ? '~' : '/');
            } else {
                throw PatchException.invalidPatch("JSON pointer \"" + pointer + "\" has an invalid escape: '~' must be"
                        + " followed by '0' or '1'");
            }
        }
        return sb.toString();
    }
}
