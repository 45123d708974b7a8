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

        assertThat(options).isEqualTo(new ExecOptions(List.of("sh", "-c", "echo a&b=c"), new StreamOptions(false, true, true, false)));
        assertThat(options.query()).isEqualTo("command=sh&command=-c&command=echo+a%26b%3Dc&stdin=false&stdout=true&stderr=true&tty=false");
        assertThat(parse(Map.of("command", List.of("true"), "stderr", List.of("true"), "stdout", List.of("false"))))
                .isEqualTo(new ExecOptions(List.of("true"), new StreamOptions(false, false, true, false)));
    }

    @Test
    void stdinAndATerminalAreReadAndAskedForAgain() {
        ExecOptions options = parse(Map.of("command", List.of("sh"), "stdin", List.of("true"), "stdout", List.of("true"), "tty", List.of("true")));

        assertThat(options).isEqualTo(new ExecOptions(List.of("sh"), new StreamOptions(true, true, false, true)));
        assertThat(options.query()).isEqualTo("command=sh&stdin=true&stdout=true&stderr=false&tty=true");
        assertThat(parse(Map.of("command", List.of("cat"), "stdin", List.of("true")))).isEqualTo(new ExecOptions(List.of("cat"), new StreamOptions(true, false, false, false)));
    }

    @Test
    void whatCannotBeServedIsABadRequestWithKubernetesMessage() {
        assertRefused(Map.of("stdout", List.of("true")), "you must specify at least 1 command");
        assertRefused(Map.of("command", List.of("true")), "you must specify at least one of stdin, stdout, stderr");
        assertRefused(Map.of("command", List.of("true"), "stdout", List.of("false")), "you must specify at least one of stdin, stdout, stderr");
        assertRefused(Map.of("command", List.of("sh"), "tty", List.of("true"), "stdout", List.of("true"), "stderr", List.of("true")),
                "stderr must be false when tty is true: a terminal has one output stream");
    }

    private static void assertRefused(Map<String, List<String>> query, String message) {
        assertThatThrownBy(() -> parse(query))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage(message);
    }
}
