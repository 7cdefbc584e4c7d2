package com.medsync.realtime.spi.room;

/** What one room policy says about one join. No policy saying {@link #ALLOW} means the join is refused. */
public enum Verdict {
    /** This policy lets the principal in (unless another policy denies). */
    ALLOW,
    /** This policy refuses, whatever the others say. */
    DENY,
    /** This policy has no opinion about this room. */
    ABSTAIN
}
