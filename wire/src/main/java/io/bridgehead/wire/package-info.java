/**
 * Messages of the agent API ({@code /agent/v1}), exchanged as JSON over HTTPS between the
 * tenant and its agents. Both sides compile against these records, so the protocol is written
 * once. Fields are never null unless documented; unknown fields are ignored on read so that
 * an older peer can talk to a newer one.
 */
package io.bridgehead.wire;
