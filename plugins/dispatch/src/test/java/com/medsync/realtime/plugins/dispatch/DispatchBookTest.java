package com.medsync.realtime.plugins.dispatch;

import com.medsync.realtime.plugins.dispatch.api.DispatchStatus;
import com.medsync.realtime.spi.store.KeyValueStore;
import com.medsync.realtime.testkit.MemoryStore;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchBookTest {

    private static DispatchState state(String dispatchId, DispatchStatus status) {
        return new DispatchState(dispatchId, "order_1", "kwik", "ref_" + dispatchId, status, null, null);
    }

    /**
     * Another node (a second book on the same store) tracks its dispatch between this node's read of the index
     * and its write: both dispatches end up tracked.
     */
    @Test
    void aDispatchTrackedByAnotherNodeMeanwhileIsNotLost() {
        MemoryStore shared = new MemoryStore();
        DispatchBook otherNode = new DispatchBook(shared, Duration.ofDays(1));
        KeyValueStore racing = new KeyValueStore() {
            private boolean raced;

            @Override
            public Optional<String> get(String key) {
                return shared.get(key);
            }

            @Override
            public void put(String key, String value, Duration ttl) {
                shared.put(key, value, ttl);
            }

            @Override
            public boolean putIfAbsent(String key, String value, Duration ttl) {
                return shared.putIfAbsent(key, value, ttl);
            }

            @Override
            public boolean replace(String key, Optional<String> expected, String value, Duration ttl) {
                if (!raced) {
                    raced = true;
                    otherNode.record(state("dispatch_other", DispatchStatus.ASSIGNED));
                }
                return shared.replace(key, expected, value, ttl);
            }

            @Override
            public boolean delete(String key) {
                return shared.delete(key);
            }
        };
        DispatchBook thisNode = new DispatchBook(racing, Duration.ofDays(1));

        thisNode.record(state("dispatch_mine", DispatchStatus.ASSIGNED));

        assertThat(thisNode.trackedIds()).containsExactlyInAnyOrder("dispatch_mine", "dispatch_other");
    }

    @Test
    void aFinishedDispatchLeavesTheIndex() {
        DispatchBook book = new DispatchBook(new MemoryStore(), Duration.ofDays(1));
        book.record(state("dispatch_1", DispatchStatus.IN_TRANSIT));
        book.record(state("dispatch_2", DispatchStatus.IN_TRANSIT));

        book.record(state("dispatch_1", DispatchStatus.DELIVERED));
        book.untrack("dispatch_2");

        assertThat(book.trackedIds()).isEmpty();
    }
}
