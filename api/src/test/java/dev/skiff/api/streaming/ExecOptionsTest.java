package dev.skiff.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.api.status.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecOptionsTest {

    private static ExecOptions parse(Map<String, List<String>> query) {
        return ExecOptions.parse(name -> query.getOrDefault(name, List.of()));
    }

    @Test
    void theCommandAndTheOutputsAreReadAndAskedForAgainWordByWord() {
        ExecOptions options = parse(Map.of("command", List.of("sh", "-c", "echo a&b=c"), "stdout", List.of("true"), "stderr", List.of("1")));

        assertThat(options).isEqualTo(new ExecOptions(List.of("sh", "-c", "echo a&b=c"), true, true));
        assertThat(options.query()).isEqualTo("command=sh&command=-c&command=echo+a%26b%3Dc&stdout=true&stderr=true");
        assertThat(parse(Map.of("command", List.of("true"), "stderr", List.of("true"), "stdout", List.of("false"))))
                .isEqualTo(new ExecOptions(List.of("true"), false, true));
    }

    @Test
    void whatCannotBeServedIsABadRequestWithKubernetesMessage() {
        assertRefused(Map.of("stdout", List.of("true")), "you must specify at least 1 command");
        assertRefused(Map.of("command", List.of("true")), "you must specify at least one of stdin, stdout, stderr");
        assertRefused(Map.of("command", List.of("true"), "stdout", List.of("false")), "you must specify at least one of stdin, stdout, stderr");
        String noStdin = "Skiff runs exec without stdin or a terminal: leave out -i and -t (stdin and tty are not supported)";
        assertRefused(Map.of("command", List.of("cat"), "stdin", List.of("true"), "stdout", List.of("true")), noStdin);
        assertRefused(Map.of("command", List.of("sh"), "tty", List.of("true"), "stdout", List.of("true")), noStdin);
    }

    private static void assertRefused(Map<String, List<String>> query, String message) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage(message);
    }
}
