/**
 * Release packages: the agent's files in one zip archive with a manifest of their SHA-256
 * hashes, signed with the release key (Ed25519). The build signs, the tenant stores and
 * serves, and the agent verifies before it stages a version.
 */
package io.bridgehead.wire.release;
