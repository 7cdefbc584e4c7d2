package com.medsync.realtime.spi.room;

import com.medsync.realtime.spi.auth.Principal;

/**
 * One link of the room-policy chain, consulted when a socket asks to join a room. The chain denies by
 * default: a join is allowed only when at least one policy says {@link Verdict#ALLOW} and none says
 * {@link Verdict#DENY}.
 *
 * <p>Policies run off the network threads and may block briefly (a cached lookup, a short HTTP call).
 */
@FunctionalInterface
public interface RoomPolicy {

    /**
     * @param principal who asks, from the token
     * @param room      the room asked for, already checked against the room grammar
     * @return the verdict of this policy
     */
    Verdict decide(Principal principal, Room room);
}
