package dev.skiff.apiserver.registry;

import dev.skiff.api.status.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} value of a paged list: the revision the first page was read at and
 * the key to resume from, so every page sees the same snapshot.
 */
record ContinueToken(long revision, String startKey) {

    String encode() {
        String raw = revision + "\n" + startKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token, String prefix) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int nl = raw.indexOf('\n');
            long revision = Long.parseLong(raw.substring(0, nl));
            String key = raw.substring(nl + 1);
            if (revision <= 0 || !key.startsWith(prefix)) {
                throw new IllegalArgumentException("token does not belong to this list");
            }
            return new ContinueToken(revision, key);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
        }
    }
}
