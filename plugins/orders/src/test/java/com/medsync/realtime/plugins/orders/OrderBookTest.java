package com.medsync.realtime.plugins.orders;

import com.medsync.realtime.plugins.orders.api.OrderParties;
import com.medsync.realtime.testkit.MemoryStore;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class OrderBookTest {

    private final MemoryStore store = new MemoryStore();
    private final OrderBook book = new OrderBook(store, Duration.ofDays(30));

    @Test
    void remembersTheParties() {
        book.remember(new OrderParties("ord-1", "ph-7", "pat-9"));

        assertThat(store.entries()).containsEntry("order:ord-1", "{\"pharmacyId\":\"ph-7\",\"patientId\":\"pat-9\"}");
        assertThat(book.find("ord-1")).contains(new OrderParties("ord-1", "ph-7", "pat-9"));
        assertThat(book.find("ord-2")).isEmpty();
    }

    @Test
    void idsThatNeedEscapingComeBackAsTheyWere() {
        OrderParties odd = new OrderParties("ord-\"1\"", "ph\\7\u00e9", "pat\n\u0001\u2028");

        book.remember(odd);

        assertThat(book.find("ord-\"1\"")).contains(odd);
    }
}
