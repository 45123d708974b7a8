package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;

/** JSON equality as the patch RFCs define it: numbers compare by value, so 1, 1.0 and 1e0 are equal. */
final class JsonValues {

    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) ->
            a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private JsonValues() {
    }

    /** Deep equality; false if either is null (absent). */
    static boolean equal(JsonNode a, JsonNode b) {
        return a != null && b != null && a.equals(NUMBERS_BY_VALUE, b);
    }
}
