package com.medsync.realtime.bench.jmh;

import com.medsync.realtime.auth.JwtAuthenticator;
import com.medsync.realtime.auth.JwtSettings;
import com.medsync.realtime.bench.load.Tokens;
import com.medsync.realtime.spi.auth.AuthenticationException;
import com.medsync.realtime.spi.auth.Handshake;
import com.medsync.realtime.spi.auth.Principal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The platform's JWT authenticator verifying one HS256 pharmacy-staff token from a CONNECT's auth payload. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JwtVerificationBenchmark {

    private static final String SECRET = "jmh-secret-jmh-secret-jmh-secret-0123456789";

    private JwtAuthenticator authenticator;
    private Handshake handshake;

    @Setup
    public void setUp() {
        authenticator = new JwtAuthenticator(JwtSettings.ofSecret(SECRET, Duration.ofSeconds(30)));
        String token = new Tokens(SECRET).pharmacyStaff("staff_1", "ph_1");
        handshake = new Handshake() {
            @Override
            public String namespace() {
                return "/patient-pharmacy";
            }

            @Override
            public Map<String, Object> auth() {
                return Map.of("token", token);
            }

            @Override
            public Optional<String> queryParameter(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> header(String name) {
                return Optional.empty();
            }

            @Override
            public InetSocketAddress remoteAddress() {
                return new InetSocketAddress("127.0.0.1", 40000);
            }
        };
    }

    @Benchmark
    public Principal verifyHs256() throws AuthenticationException {
        return authenticator.authenticate(handshake);
    }
}
