package com.medsync.realtime.server.socket;

import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Authenticator;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import com.medsync.realtime.spi.room.Room;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication step of a CONNECT: the SPI's authenticator decides, and its answer becomes the principal
 * or the refusal the client reads. A failing authenticator refuses that one CONNECT with an internal error and
 * never takes the connection thread down; a subject that cannot name a user room is refused as well.
 */
final class ConnectAuthentication {

    private static final Logger log = LoggerFactory.getLogger(ConnectAuthentication.class);

    /** The outcome of one CONNECT's authentication. */
    sealed interface Outcome permits Accepted, Refused {
    }

    record Accepted(Principal principal) implements Outcome {
    }

    /**
     * @param message what the client reads in its CONNECT_ERROR
     * @param reason  the short reason for logs and metrics
     */
    record Refused(String message, String reason) implements Outcome {
    }

    private final Authenticator authenticator;

    ConnectAuthentication(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    Outcome authenticate(Handshake handshake) {
        try {
            Principal principal = authenticator.authenticate(handshake);
            if (!Room.isValidId(principal.userId())) {
                throw new AuthenticationException("token subject is not a valid id");
            }
            return new Accepted(principal);
        } catch (AuthenticationException e) {
            return new Refused("Authentication error: " + e.reason(), e.reason());
        } catch (RuntimeException e) {
            log.error("Authenticator failed on a CONNECT to {}", handshake.namespace(), e);
            return new Refused("Authentication error: internal error", "internal error");
        }
    }
}
