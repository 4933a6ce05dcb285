/**
 * How a client decides to trust the tenant's certificate: the system trust store, optionally
 * with an extra CA bundle, or a pinned SHA-256 fingerprint for a self-signed tenant. There is
 * deliberately no way to turn verification off.
 */
package io.bridgehead.wire.tls;
