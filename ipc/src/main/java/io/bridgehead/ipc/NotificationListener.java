package io.bridgehead.ipc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Receives the notifications of one subscribed topic. It runs on the client's reader thread,
 * so it must return quickly and must not call {@link IpcClient#call}, which would wait for an
 * answer that this same thread has to read: hand the work to another thread instead.
 */
@FunctionalInterface
public interface NotificationListener {
  /** Invoked for each notification the service publishes on the topic. */
  void onNotification(String topic, JsonNode data);
}
