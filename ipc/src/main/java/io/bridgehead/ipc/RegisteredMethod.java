package io.bridgehead.ipc;

/** A method a server serves: its name, who may call it, and its handler. */
record RegisteredMethod(String name, Access access, MethodHandler handler) {
}
