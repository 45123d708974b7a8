package dev.skiff.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.api.status.ApiException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamOptionsTest {

    private static StreamOptions parse(Map<String, List<String>> query) {
        return StreamOptions.parse(name -> query.getOrDefault(name, List.of()));
    }

    @Test
    void anAttachNeedsNoCommandAndIsAskedForAgainAsItCame() {
        StreamOptions options = parse(Map.of("stdin", List.of("true"), "stdout", List.of("1"), "tty", List.of("true"), "container", List.of("web")));

        assertThat(options).isEqualTo(new StreamOptions(true, true, false, true));
        assertThat(options.query()).isEqualTo("stdin=true&stdout=true&stderr=false&tty=true");
        assertThat(parse(Map.of("stderr", List.of("true"), "stdout", List.of("false")))).isEqualTo(new StreamOptions(false, false, true, false));
    }

    @Test
    void noStreamOrATerminalWithStderrIsABadRequest() {
        assertThatThrownBy(() -> parse(Map.of("tty", List.of("true"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("you must specify at least one of stdin, stdout, stderr");
        assertThatThrownBy(() -> parse(Map.of("stdout", List.of("true"), "stderr", List.of("true"), "tty", List.of("1"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("stderr must be false when tty is true: a terminal has one output stream");
    }
}
