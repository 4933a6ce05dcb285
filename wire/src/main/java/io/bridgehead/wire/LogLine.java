package io.bridgehead.wire;

import java.time.Instant;

/**
 * One line of a job's log.
 *
 * @param sequence the line's position in the job's log, from 0; repeats of a sequence number
 *     are dropped by the tenant, so a batch can be sent again safely
 * @param at when the agent saw the line
 * @param stream {@code output}, {@code error} or {@code agent} for the agent's own remarks
 * @param text the line without its line break
 */
public record LogLine(long sequence, Instant at, String stream, String text) {}
