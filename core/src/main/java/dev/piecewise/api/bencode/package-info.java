/**
 * Bencoding (BEP 3), strict in both directions: the value model, a decoder with limits against hostile input, and
 * an encoder that writes dictionary keys in sorted order. Exported because tracker transports parse bencoded answers.
 */
package dev.piecewise.api.bencode;
