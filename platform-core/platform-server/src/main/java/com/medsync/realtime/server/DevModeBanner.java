package com.medsync.realtime.server;

import com.medsync.realtime.auth.TokenIssuer;
import com.medsync.realtime.server.config.Credentials;
import com.medsync.realtime.spi.auth.Role;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a developer needs to try the server at once: the generated secrets and two tokens to paste into a
 * client. Printed only when secrets were generated, and loudly, so nobody mistakes a dev server for a
 * real one.
 */
final class DevModeBanner {

    private static final Logger log = LoggerFactory.getLogger(DevModeBanner.class);

    static final String DEMO_CHAT_ROOM = "chat:room_demo";
    private static final Duration DEMO_TOKEN_TTL = Duration.ofHours(12);

    private DevModeBanner() {
    }

    static void print(Credentials credentials, String host, int socketPort, int httpPort) {
        StringBuilder text = new StringBuilder();
        text.append("\n==================== MedSync Realtime: DEV MODE ====================\n");
        text.append("Generated at start-up (not for production): ").append(String.join(", ", credentials.generated()))
                .append("\nBound to ").append(host).append(" only. Set MEDSYNC_PROFILE=prod and real secrets to deploy.\n");
        if (credentials.generated().contains("MEDSYNC_API_KEY")) {
            text.append("\nMEDSYNC_API_KEY=").append(credentials.apiKey());
        }
        if (credentials.generated().contains("MEDSYNC_ADMIN_TOKEN")) {
            text.append("\nMEDSYNC_ADMIN_TOKEN=").append(credentials.adminToken());
        }
        Optional<String> secret = credentials.jwt().secret();
        if (secret.isPresent()) {
            TokenIssuer issuer = new TokenIssuer(secret.get());
            text.append("\n\nPatient token (sub patient_demo):\n")
                    .append(issuer.issue("patient_demo", Role.PATIENT, Optional.empty(), List.of(DEMO_CHAT_ROOM),
                            DEMO_TOKEN_TTL))
                    .append("\n\nPharmacy token (sub pharmacist_demo, pharmacyId pharmacy_demo):\n")
                    .append(issuer.issue("pharmacist_demo", Role.PHARMACY, Optional.of("pharmacy_demo"),
                            List.of(DEMO_CHAT_ROOM), DEMO_TOKEN_TTL));
        }
        text.append("\n\nSocket.IO: http://").append(host).append(':').append(socketPort).append("/patient-pharmacy")
                .append("\nHTTP API:  http://").append(host).append(':').append(httpPort)
                .append("\nConsole:   http://").append(host).append(':').append(httpPort)
                .append("/console/ (log in with MEDSYNC_ADMIN_TOKEN)")
                .append("\n=====================================================================\n");
        log.warn("{}", text);
    }
}
