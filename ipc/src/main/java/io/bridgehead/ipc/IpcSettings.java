package io.bridgehead.ipc;

import java.time.Duration;

/**
 * Limits and timing of an {@link IpcServer}. Start from {@link #defaults()} and replace what
 * differs.
 *
 * @param maxFrameBytes the largest frame body, in bytes, in either direction; default 1 MiB.
 *     A longer frame gets an {@link ErrorCodes#INVALID_REQUEST} error response and the
 *     connection is closed, without reading or allocating the frame
 * @param maxRequestsInFlight requests one connection may have running at once; default 8.
 *     Requests beyond it get a {@link ErrorCodes#TOO_MANY_REQUESTS} error response
 * @param idleTimeout how long a connection may send nothing, with no request running and no
 *     subscription, before the server closes it; default 10 minutes
 * @param frameTimeout how long a frame may take to arrive once its first byte has, and how long
 *     one frame may take to be written to a client; default 10 s. Past it the server closes
 *     the connection, which ends slow-loris clients and clients that stopped reading
 * @param outboundQueueFrames notifications that may wait to be written to one connection;
 *     default 64. A subscriber that falls further behind is disconnected
 * @param maxConnections connections served at once; default 64. More are answered with
 *     {@link ErrorCodes#SERVICE_BUSY} and closed
 * @param handlerThreads threads that run method handlers, shared by all connections; default
 *     16. Calls that find them all busy wait in a queue of at most maxConnections *
 *     maxRequestsInFlight calls
 * @param closeTimeout how long {@link IpcServer#close()} waits for connections and running
 *     handlers to finish; default 5 s
 */
public record IpcSettings(
    int maxFrameBytes,
    int maxRequestsInFlight,
    Duration idleTimeout,
    Duration frameTimeout,
    int outboundQueueFrames,
    int maxConnections,
    int handlerThreads,
    Duration closeTimeout) {
  public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

  public IpcSettings {
    requirePositive("maxFrameBytes", maxFrameBytes);
    requirePositive("maxRequestsInFlight", maxRequestsInFlight);
    requirePositive("idleTimeout", idleTimeout);
    requirePositive("frameTimeout", frameTimeout);
    requirePositive("outboundQueueFrames", outboundQueueFrames);
    requirePositive("maxConnections", maxConnections);
    requirePositive("handlerThreads", handlerThreads);
    requirePositive("closeTimeout", closeTimeout);
  }

  public static IpcSettings defaults() {
    return new IpcSettings(DEFAULT_MAX_FRAME_BYTES, 8, Duration.ofMinutes(10),
        Duration.ofSeconds(10), 64, 64, 16, Duration.ofSeconds(5));
  }

  public IpcSettings withMaxFrameBytes(int value) {
    return new IpcSettings(value, maxRequestsInFlight, idleTimeout, frameTimeout,
        outboundQueueFrames, maxConnections, handlerThreads, closeTimeout);
  }

  public IpcSettings withMaxRequestsInFlight(int value) {
    return new IpcSettings(maxFrameBytes, value, idleTimeout, frameTimeout,
        outboundQueueFrames, maxConnections, handlerThreads, closeTimeout);
  }

  public IpcSettings withTimeouts(Duration idle, Duration frame) {
    return new IpcSettings(maxFrameBytes, maxRequestsInFlight, idle, frame,
        outboundQueueFrames, maxConnections, handlerThreads, closeTimeout);
  }

  public IpcSettings withOutboundQueueFrames(int value) {
    return new IpcSettings(maxFrameBytes, maxRequestsInFlight, idleTimeout, frameTimeout,
        value, maxConnections, handlerThreads, closeTimeout);
  }

  public IpcSettings withMaxConnections(int value) {
    return new IpcSettings(maxFrameBytes, maxRequestsInFlight, idleTimeout, frameTimeout,
        outboundQueueFrames, value, handlerThreads, closeTimeout);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
    }
  }
}
