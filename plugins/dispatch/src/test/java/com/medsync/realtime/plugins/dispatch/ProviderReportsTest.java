package com.medsync.realtime.plugins.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.medsync.realtime.plugins.dispatch.api.DispatchReport;
import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;
import com.medsync.realtime.plugins.orders.api.OrderParties;
import com.medsync.realtime.spi.event.EventPublisher;
import com.medsync.realtime.spi.room.Room;
import com.medsync.realtime.testkit.MemoryStore;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Change detection between providers' reports and what was emitted, with the real handler behind the publisher. */
class ProviderReportsTest {

    private final MemoryStore store = new MemoryStore();
    private final DispatchBook book = new DispatchBook(store, java.time.Duration.ofDays(1));
    private final OrderLookup orders = new OrderLookup(() -> List.of(
            id -> id.equals("order_1") ? Optional.of(new OrderParties("order_1", "pharmacy_1", "patient_1"))
                    : Optional.empty()));
    private final DispatchUpdatedHandler handler = new DispatchUpdatedHandler(book, orders);
    private final List<JsonNode> published = new ArrayList<>();
    private final List<java.util.Set<Room>> rooms = new ArrayList<>();
    private final EventPublisher publisher = (event, data, extraRooms, key) -> {
        rooms.add(handler.route(data).rooms());
        published.add(data);
        return true;
    };
    private final ProviderReports reports = new ProviderReports(book, publisher,
            Clock.fixed(Instant.parse("2024-12-20T10:40:00Z"), ZoneOffset.UTC));

    private DispatchReport report(DispatchStatus status) {
        return new DispatchReport("dispatch_1", null, status, null, null, null);
    }

    @Test
    void emitsOnlyChangesAndKeepsWhatTheProviderLeftOut() throws Exception {
        assertThat(reports.accept("kwik", report(DispatchStatus.ASSIGNED)))
                .as("no order known yet").isEqualTo(ProviderReports.Outcome.UNKNOWN_ORDER);

        assertThat(reports.accept("kwik", new DispatchReport("dispatch_1", "order_1", DispatchStatus.ASSIGNED,
                "https://t/1", "1234", null, "job_9"))).isEqualTo(ProviderReports.Outcome.EMITTED);
        assertThat(reports.accept("kwik", report(DispatchStatus.ASSIGNED))).isEqualTo(ProviderReports.Outcome.UNCHANGED);
        assertThat(reports.accept("kwik", report(DispatchStatus.IN_TRANSIT))).isEqualTo(ProviderReports.Outcome.EMITTED);

        assertThat(published).hasSize(2);
        JsonNode last = published.get(1).path("dispatch");
        assertThat(last.path("orderId").asText()).isEqualTo("order_1");
        assertThat(last.path("provider").asText()).isEqualTo("kwik");
        assertThat(last.path("trackingUrl").asText()).isEqualTo("https://t/1");
        assertThat(last.path("otp").asText()).isEqualTo("1234");
        assertThat(last.path("updatedAt").asText()).isEqualTo("2024-12-20T10:40:00Z");
        assertThat(rooms.get(1)).containsExactlyInAnyOrder(Room.dispatch("dispatch_1"), Room.pharmacy("pharmacy_1"),
                Room.user("patient_1"));
        assertThat(book.find("dispatch_1").orElseThrow().providerReference()).isEqualTo("job_9");
        assertThat(book.trackedIds()).containsExactly("dispatch_1");
    }

    @Test
    void aFinishedDispatchStaysFinished() throws Exception {
        reports.accept("kwik", new DispatchReport("dispatch_1", "order_1", DispatchStatus.DELIVERED, null, null, null));
        assertThat(book.trackedIds()).isEmpty();

        assertThat(reports.accept("kwik", report(DispatchStatus.IN_TRANSIT)))
                .isEqualTo(ProviderReports.Outcome.ALREADY_FINISHED);
        assertThat(published).hasSize(1);
    }
}
