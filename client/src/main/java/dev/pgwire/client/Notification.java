package dev.pgwire.client;

/**
 * A NOTIFY delivered to this connection (NotificationResponse): the notifying backend's process
 * id, the channel, and the payload ("" when none was given).
 */
public record Notification(int processId, String channel, String payload) {}
