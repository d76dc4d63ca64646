/**
 * The frame layer: after startup and authentication, a {@link dev.pgwire.server.frame.FrameHandler}
 * receives the client's messages as undecoded frames and writes the responses itself — the layer
 * for things that forward the protocol, beside the engine SPI ({@link dev.pgwire.server.spi}) for
 * things that execute SQL. Both share startup, TLS, authentication, cancel keys, connection limits
 * and shutdown. See docs/SERVER.md.
 */
package dev.pgwire.server.frame;
