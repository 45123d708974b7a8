package dev.skiff.api.streaming;

import dev.skiff.api.status.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * What a {@code pods/exec} request asks for: the {@code command} (repeated, one word each) and the
 * streams it joins, checked as Kubernetes checks them.
 */
public record ExecOptions(List<String> command, StreamOptions streams) {

    public ExecOptions {
        command = List.copyOf(command);
    }

    /** The options of a request whose query parameters QUERY gives by name (an empty list when absent); 400 when they cannot be served. */
    public static ExecOptions parse(Function<String, List<String>> query) {
        List<String> command = query.apply("command");
        if (command.isEmpty()) {
            throw ApiException.badRequest("you must specify at least 1 command");
        }
        return new ExecOptions(command, StreamOptions.parse(query));
    }

    /** The query that asks the same again (the api-server's to the kubelet). */
    public String query() {
        StringBuilder query = new StringBuilder();
        for (String word : command) {
            query.append("command=").append(URLEncoder.encode(word, StandardCharsets.UTF_8)).append('&');
        }
        return query + streams.query();
    }
}
