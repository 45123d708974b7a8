package dev.skiff.kubelet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalSizeTest {

    private static TerminalSize parse(String json) {
        return TerminalSize.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void kubectlsResizeMessageIsRead() {
        assertThat(parse("{\"Width\":120,\"Height\":40}")).isEqualTo(new TerminalSize(120, 40));
    }

    @Test
    void whatIsNotASizeIsNone() {
        assertThat(parse("not json")).isNull();
        assertThat(parse("{\"Width\":120}")).isNull();
        assertThat(parse("{\"Width\":0,\"Height\":40}")).isNull();
        assertThat(parse("[]")).isNull();
        assertThat(parse("")).isNull();
    }
}
