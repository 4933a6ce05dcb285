package io.bridgehead.wire;

/**
 * The JSON body of every error response of the tenant's APIs.
 *
 * @param error a stable code for programs, for example {@code invalid_request}
 * @param message a sentence for people: what failed, on which value, and what to do
 */
public record ErrorBody(String error, String message) {}
