/**
 * The MedSync Realtime testkit: what a plugin's tests need to exercise it the way the platform runs it.
 * Add {@code com.medsync.realtime:medsync-platform-testkit} with scope {@code test}; it brings JUnit Jupiter's
 * API, AssertJ and ArchUnit along. It is used on the class path (it has no module descriptor).
 *
 * <ul>
 *   <li>{@link com.medsync.realtime.testkit.PluginJar} builds the plugin's pf4j jar from the test's compiled
 *       classes;</li>
 *   <li>{@link com.medsync.realtime.testkit.TestTokens} mints the JWTs a server with a given secret accepts;</li>
 *   <li>{@link com.medsync.realtime.testkit.TestSocket} connects the official Java Socket.IO client and awaits
 *       what it receives;</li>
 *   <li>{@link com.medsync.realtime.testkit.PublishClient} publishes through the HTTP publish API;</li>
 *   <li>{@link com.medsync.realtime.testkit.PluginBoundaries} fails a test when the plugin's code uses more than
 *       the platform's API, or makes public what is not.</li>
 * </ul>
 *
 * <pre>{@code
 * class GreetingFeatureTest {
 *
 *     @TempDir Path plugins;
 *
 *     @Test
 *     void greetsWhoJoins() {
 *         PluginJar.builder("greeting")
 *                 .requires(">=1.0.0")
 *                 .extension(GreetingFeature.class)      // with its nested and anonymous classes
 *                 .add(Greetings.class)
 *                 .writeTo(plugins);
 *         // start a server with `plugins` as its plugin directory, the HS256 secret `secret` and API key `key`
 *
 *         TestTokens tokens = new TestTokens(secret);
 *         try (TestSocket socket = TestSocket.connect(socketUrl + "/patient-pharmacy",
 *                 tokens.patient("patient_1", "chat:room_1"))) {
 *             socket.awaitConnect();
 *             socket.emitWithAck("join", Map.of("room", "chat:room_1"));
 *
 *             new PublishClient(httpPort, key).publish("chat:message", Map.of("text", "hi"), "chat:room_1");
 *
 *             assertThat(socket.awaitEvent("chat:message").get("text").asText()).isEqualTo("hi");
 *         }
 *     }
 * }
 * }</pre>
 */
package com.medsync.realtime.testkit;
