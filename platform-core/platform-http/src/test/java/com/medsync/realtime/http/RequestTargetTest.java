package com.medsync.realtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void decodesEachSegmentOnItsOwn() {
        RequestTarget target = RequestTarget.parse("/webhooks/dispatch/a%2Fb+c%20d?x=1+2&y");

        assertThat(target.segments()).containsExactly("webhooks", "dispatch", "a/b+c d");
        assertThat(target.path()).isEqualTo("/webhooks/dispatch/a/b+c d");
        assertThat(target.query().get("x")).isEqualTo(List.of("1 2"));
        assertThat(target.query().get("y")).isEqualTo(List.of(""));
    }

    @Test
    void rejectsNonAbsoluteTargetsAndBadEscapes() {
        assertThatThrownBy(() -> RequestTarget.parse("http://host/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestTarget.parse("/a%zz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestTarget.parse("/a?q=%zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
