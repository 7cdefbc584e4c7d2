/**
 * The default authenticator of MedSync Realtime: JWTs verified with an HS256 secret or an RS256/ES256 public
 * key. Only the server may use it; plugins see authentication solely through the SPI's
 * {@link com.medsync.realtime.spi.auth.Principal}.
 */
module com.medsync.realtime.auth {
    requires com.medsync.realtime.spi;
    // Only to read the JOSE header's alg before jjwt runs, so a refusal carries the exact reason.
    requires com.fasterxml.jackson.databind;
    // jjwt-api 0.13.0 ships neither a module descriptor nor an Automatic-Module-Name: this is the name the
    // JDK derives from the jar file name jjwt-api-0.13.0.jar. jjwt-impl and jjwt-jackson stay runtime-only.
    requires jjwt.api;
    requires org.slf4j;

    exports com.medsync.realtime.auth to com.medsync.realtime.server;
}
