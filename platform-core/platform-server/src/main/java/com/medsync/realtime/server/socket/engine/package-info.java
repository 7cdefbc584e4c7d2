/**
 * Engine.IO on netty-socketio 2.0.14: its pipeline with our guards, heartbeat and WebSocket writer. The only
 * package of the server that imports netty-socketio or Netty ({@code ServerBoundariesTest} fails the build
 * otherwise), and it knows nothing of the layers above it.
 *
 * <p>Seen from above: {@link com.medsync.realtime.server.socket.engine.SocketIoEngine} (the port),
 * {@link com.medsync.realtime.server.socket.engine.EngineListener} (what the Socket.IO layer is told),
 * {@link com.medsync.realtime.server.socket.engine.EngineConnection} (one client's connection: send, back-pressure
 * signals, close), {@link com.medsync.realtime.server.socket.engine.Packets} (encoded packets) and
 * {@link com.medsync.realtime.server.socket.engine.WriteBatch} (a batch's WebSocket deliveries, handed to each event
 * loop once, at most one drain task waiting per loop: {@link com.medsync.realtime.server.socket.engine.LoopDrains}),
 * whose recipients ({@link com.medsync.realtime.server.socket.engine.LoopRecipient}) are checked and written on the
 * loop ({@link com.medsync.realtime.server.socket.engine.LoopWrites}).
 */
package com.medsync.realtime.server.socket.engine;
